	describe.concurrent(
		"Gatewayz",
		() => {
			const client = new InferenceClient(env.HF_GATEWAYZ_KEY ?? "dummy");

			HARDCODED_MODEL_INFERENCE_MAPPING["gatewayz"] = {
				"meta-llama/Llama-3.1-8B-Instruct": {
					provider: "gatewayz",
					hfModelId: "meta-llama/Llama-3.1-8B-Instruct",
					providerId: "meta-llama/Llama-3.1-8B-Instruct",
					status: "live",
					task: "conversational",
				},
				"meta-llama/Llama-3.1-8B": {
					provider: "gatewayz",
					hfModelId: "meta-llama/Llama-3.1-8B",
					providerId: "meta-llama/Llama-3.1-8B",
					status: "live",
					task: "text-generation",
				},
				"black-forest-labs/FLUX.1-schnell": {
					provider: "gatewayz",
					hfModelId: "black-forest-labs/FLUX.1-schnell",
					providerId: "black-forest-labs/FLUX.1-schnell",
					status: "live",
					task: "text-to-image",
				},
				"BAAI/bge-base-en-v1.5": {
					provider: "gatewayz",
					hfModelId: "BAAI/bge-base-en-v1.5",
					providerId: "BAAI/bge-base-en-v1.5",
					status: "live",
					task: "feature-extraction",
				},
			};

			it("chatCompletion", async () => {
				const res = await client.chatCompletion({
					model: "meta-llama/Llama-3.1-8B-Instruct",
					provider: "gatewayz",
					messages: [{ role: "user", content: "What is 5 + 3?" }],
					max_tokens: 20,
				});
				expect(res.choices[0].message?.content).toMatch(/(eight|8)/i);
			});

			it("chatCompletion stream", async () => {
				let out = "";
				for await (const chunk of client.chatCompletionStream({
					model: "meta-llama/Llama-3.1-8B-Instruct",
					provider: "gatewayz",
					messages: [{ role: "user", content: "Count from 1 to 3" }],
					max_tokens: 20,
				})) {
					out += chunk.choices?.[0]?.delta?.content ?? "";
				}
				expect(out).toMatch(/1.*2.*3/);
			});

			it("textGeneration stream", async () => {
				let out = "";
				for await (const chunk of client.textGenerationStream({
					model: "meta-llama/Llama-3.1-8B",
					provider: "gatewayz",
					inputs: "one, two,",
					parameters: { max_new_tokens: 5 },
				})) {
					out += chunk.token.text;
				}
				expect(out.length).toBeGreaterThan(0);
			});

			it("textToImage", async () => {
				const res = await client.textToImage({
					model: "black-forest-labs/FLUX.1-schnell",
					provider: "gatewayz",
					inputs: "award-winning photo of a cat",
				});
				expect(res).toBeInstanceOf(Blob);
			});

			it("featureExtraction", async () => {
				const res = await client.featureExtraction({
					model: "BAAI/bge-base-en-v1.5",
					provider: "gatewayz",
					inputs: "That is a happy person",
				});
				expect(Array.isArray(res)).toBe(true);
			});
		},
		TIMEOUT,
	);
