"""huggingface_hub's InferenceClient and AsyncInferenceClient: chat at `base_url=<gateway>/v1`
(model per call), every other task at `model=<gateway>/models/<org>/<name>`. The sync client's
parsing of every task is asserted by test/real-clients-python.test.ts (test/e2e/hf_hub_client.py);
here both clients run the conformance cases, and the async one every task too."""

from __future__ import annotations

import asyncio
import io
import json
from typing import Any

import cases as c

ARTICLE = "The Eiffel Tower is 324 metres tall, about the same height as an 81-storey building, and the tallest structure in Paris."
TASK_MODELS = {
    "summarization": "facebook/bart-large-cnn",
    "translation": "Helsinki-NLP/opus-mt-en-fr",
    "question_answering": "deepset/roberta-base-squad2",
    "text_classification": "distilbert/distilbert-base-uncased-finetuned-sst-2-english",
    "token_classification": "dslim/bert-base-NER",
}


def main() -> None:
    url, api_key = c.parse_arguments(__doc__ or "")
    from huggingface_hub import AsyncInferenceClient, InferenceClient

    user = [{"role": "user", "content": c.QUESTION}]
    report = c.Report()

    def sync_cases() -> None:
        chat = InferenceClient(base_url=f"{url}/v1", api_key=api_key)
        at = lambda model, key=api_key: InferenceClient(model=f"{url}/models/{model}", api_key=key)  # noqa: E731

        def stream() -> dict[str, Any]:
            return c.stream_result(chat.chat_completion(user, model=c.CHAT_MODEL, max_tokens=32, stream=True, stream_options={"include_usage": True}))

        def tool_call() -> dict[str, Any]:
            output = chat.chat_completion([{"role": "user", "content": c.WEATHER_QUESTION}], model=c.CHAT_MODEL, tools=[c.WEATHER_TOOL], tool_choice="required")
            return c.tool_call_result(output.choices[0].message)

        def as_message(message: Any) -> dict[str, Any]:
            # huggingface_hub parses arguments into a dict; the request wants them as a JSON string again.
            calls = [{"id": call.id, "type": "function", "function": {"name": call.function.name, "arguments": json.dumps(c.arguments_of(call.function.arguments))}} for call in message.tool_calls]
            return {"role": "assistant", "content": message.content, "tool_calls": calls}

        def tool_round_trip() -> dict[str, Any]:
            return c.tool_loop(lambda messages: chat.chat_completion(messages, model=c.CHAT_MODEL, tools=[c.WEATHER_TOOL], max_tokens=64).choices[0].message, as_message)

        def structured() -> dict[str, Any]:
            output = chat.chat_completion([{"role": "user", "content": c.CITY_QUESTION}], model=c.CHAT_MODEL, response_format=c.CITY_FORMAT)
            return c.structured_result(output.choices[0].message)

        def embeddings() -> dict[str, Any]:
            array = at(c.HUB_EMBEDDING_MODEL).feature_extraction(["red", "blue"])  # type: ignore[arg-type]
            return {"count": int(array.shape[0]), "dimension": int(array.shape[1])}

        def images() -> dict[str, Any]:
            image = at(c.HUB_IMAGE_MODEL).text_to_image("a red square", width=64, height=64)
            buffer = io.BytesIO()
            image.save(buffer, format="PNG")
            return {"count": 1, "png": image.format == "PNG" and c.is_png(buffer.getvalue())}

        report.run("chat", lambda: {"text": chat.chat_completion(user, model=c.CHAT_MODEL, max_tokens=32).choices[0].message.content})
        report.run("stream", stream)
        report.run("tool_call", tool_call)
        report.run("tool_round_trip", tool_round_trip)
        report.run("structured", structured)
        report.run("embeddings", embeddings)
        report.run("images", images)
        bad = InferenceClient(base_url=f"{url}/v1", api_key=c.BAD_KEY)
        report.run("error_bad_key", lambda: c.refusal(lambda: bad.chat_completion(user, model=c.CHAT_MODEL)))
        report.run("error_unknown_model", lambda: c.refusal(lambda: chat.chat_completion(user, model=c.UNKNOWN_MODEL)))
        report.run("error_invalid_body", lambda: c.refusal(lambda: chat.chat_completion(user, model=c.CHAT_MODEL, temperature=c.INVALID_TEMPERATURE)))
        # text_generation parses error bodies as TGI's: the reason and the real status must survive it.
        report.run("error_bad_key_text_generation", lambda: c.refusal(lambda: at(c.HUB_CHAT_MODEL, c.BAD_KEY).text_generation("Hello", max_new_tokens=5)))
        report.run("error_unknown_model_text_generation", lambda: c.refusal(lambda: at(c.HUB_UNKNOWN_MODEL).text_generation("Hello", max_new_tokens=5)))
        report.run("error_invalid_body_text_generation", lambda: c.refusal(lambda: at(c.HUB_CHAT_MODEL).text_generation("Hello", max_new_tokens=5, temperature=c.INVALID_TEMPERATURE)))

    async def async_cases() -> None:
        chat = AsyncInferenceClient(base_url=f"{url}/v1", api_key=api_key)
        at = lambda model, key=api_key: AsyncInferenceClient(model=f"{url}/models/{model}", api_key=key)  # noqa: E731
        results: dict[str, Any] = {}

        async def case(name: str, call: Any) -> None:
            try:
                results[name] = await call()
            except Exception as error:  # noqa: BLE001 — as Report.run, for coroutines
                results[name] = {"error": f"{type(error).__name__}: {error}"}

        async def chat_case() -> dict[str, Any]:
            return {"text": (await chat.chat_completion(user, model=c.CHAT_MODEL, max_tokens=32)).choices[0].message.content}

        async def stream() -> dict[str, Any]:
            return await c.stream_result_async(await chat.chat_completion(user, model=c.CHAT_MODEL, max_tokens=32, stream=True, stream_options={"include_usage": True}))

        async def structured() -> dict[str, Any]:
            output = await chat.chat_completion([{"role": "user", "content": c.CITY_QUESTION}], model=c.CHAT_MODEL, response_format=c.CITY_FORMAT)
            return c.structured_result(output.choices[0].message)

        async def text_generation() -> dict[str, Any]:
            text = await at(c.HUB_CHAT_MODEL).text_generation("The three primary colors are", max_new_tokens=5)
            return {"valid": isinstance(text, str) and bool(text.strip()), "detail": text}

        async def text_generation_stream() -> dict[str, Any]:
            client = at(c.HUB_CHAT_MODEL)  # held: a collected client closes its session under the stream
            tokens = [token async for token in await client.text_generation("The three primary colors are", max_new_tokens=5, stream=True)]
            return {"valid": len([t for t in tokens if t]) > 1 and all(isinstance(t, str) for t in tokens), "detail": tokens}

        async def summarization() -> dict[str, Any]:
            output = await at(TASK_MODELS["summarization"]).summarization(ARTICLE)
            return {"valid": bool(output.summary_text.strip()), "detail": output.summary_text}

        async def translation() -> dict[str, Any]:
            output = await at(TASK_MODELS["translation"]).translation("Hello, how are you?")
            return {"valid": bool(output.translation_text.strip()), "detail": output.translation_text}

        async def question_answering() -> dict[str, Any]:
            context = "My name is Clara and I live in Berkeley."
            output = await at(TASK_MODELS["question_answering"]).question_answering(question="Where does Clara live?", context=context)
            return {"valid": context[output.start : output.end] == output.answer and bool(output.answer), "detail": output.answer}

        async def text_classification() -> dict[str, Any]:
            output = await at(TASK_MODELS["text_classification"]).text_classification("I love this movie!")
            labels = sorted(entry.label for entry in output)
            return {"valid": labels == ["NEGATIVE", "POSITIVE"] and abs(sum(entry.score for entry in output) - 1) < 1e-6, "detail": labels}

        async def token_classification() -> dict[str, Any]:
            text = "My name is Omar and I work at Hugging Face in Paris."
            output = await at(TASK_MODELS["token_classification"]).token_classification(text)
            return {"valid": bool(output) and all(text[e.start : e.end] == e.word for e in output), "detail": [e.word for e in output]}

        async def feature_extraction() -> dict[str, Any]:
            array = await at(c.HUB_EMBEDDING_MODEL).feature_extraction(["red", "blue"])  # type: ignore[arg-type]
            return {"count": int(array.shape[0]), "dimension": int(array.shape[1])}

        async def text_to_image() -> dict[str, Any]:
            image = await at(c.HUB_IMAGE_MODEL).text_to_image("a red square", width=64, height=64)
            return {"count": 1, "png": image.format == "PNG"}

        bad = AsyncInferenceClient(base_url=f"{url}/v1", api_key=c.BAD_KEY)
        await asyncio.gather(
            case("chat_async", chat_case),
            case("stream_async", stream),
            case("structured_async", structured),
            case("task_text_generation_async", text_generation),
            case("task_text_generation_stream_async", text_generation_stream),
            case("task_summarization_async", summarization),
            case("task_translation_async", translation),
            case("task_question_answering_async", question_answering),
            case("task_text_classification_async", text_classification),
            case("task_token_classification_async", token_classification),
            case("embeddings_async", feature_extraction),
            case("images_async", text_to_image),
            case("error_bad_key_async", lambda: c.refusal_async(lambda: bad.chat_completion(user, model=c.CHAT_MODEL))),
            case("error_unknown_model_async", lambda: c.refusal_async(lambda: chat.chat_completion(user, model=c.UNKNOWN_MODEL))),
            case("error_invalid_body_async", lambda: c.refusal_async(lambda: chat.chat_completion(user, model=c.CHAT_MODEL, temperature=c.INVALID_TEMPERATURE))),
        )
        report.results.update(results)

    sync_cases()
    asyncio.run(async_cases())
    report.print()


if __name__ == "__main__":
    main()
