class TestGatewayzProvider:
    def test_prepare_url_direct_and_routed(self):
        helper = GatewayzConversationalTask()
        assert helper._prepare_url("gw_key", "meta-llama/Llama-3.1-8B-Instruct") == "https://api.gatewayz.ai/v1/chat/completions"
        assert (
            helper._prepare_url("hf_token", "meta-llama/Llama-3.1-8B-Instruct")
            == "https://router.huggingface.co/gatewayz/v1/chat/completions"
        )

    def test_text_generation_uses_the_tgi_route(self):
        helper = GatewayzTextGenerationTask()
        assert helper._prepare_route("meta-llama/Llama-3.1-8B", "gw_key") == "/models/meta-llama/Llama-3.1-8B"
        payload = helper._prepare_payload_as_dict(
            "Hello", {"max_new_tokens": 5, "temperature": None}, InferenceProviderMapping(
                provider="gatewayz", hf_model_id="meta-llama/Llama-3.1-8B", providerId="meta-llama/Llama-3.1-8B",
                task="text-generation", status="live",
            )
        )
        assert payload == {"inputs": "Hello", "parameters": {"max_new_tokens": 5}}

    def test_text_to_image_payload_and_response(self):
        helper = GatewayzTextToImageTask()
        mapping = InferenceProviderMapping(
            provider="gatewayz", hf_model_id="black-forest-labs/FLUX.1-schnell", providerId="black-forest-labs/FLUX.1-schnell",
            task="text-to-image", status="live",
        )
        payload = helper._prepare_payload_as_dict("a cat", {"width": 512, "height": 256, "seed": 1}, mapping)
        assert payload == {"prompt": "a cat", "seed": 1, "size": "512x256", "response_format": "b64_json", "model": "black-forest-labs/FLUX.1-schnell"}
        assert helper.get_response({"data": [{"b64_json": base64.b64encode(b"image").decode()}]}) == b"image"

    def test_feature_extraction_payload_and_response(self):
        helper = GatewayzFeatureExtractionTask()
        mapping = InferenceProviderMapping(
            provider="gatewayz", hf_model_id="BAAI/bge-base-en-v1.5", providerId="BAAI/bge-base-en-v1.5",
            task="feature-extraction", status="live",
        )
        assert helper._prepare_payload_as_dict("hi", {}, mapping) == {"input": "hi", "model": "BAAI/bge-base-en-v1.5"}
        assert helper.get_response({"data": [{"embedding": [0.1, 0.2]}]}) == [[0.1, 0.2]]
