"""Runs every `openai` (Python) call of issue 4 against Gatewayz's OpenAI-compatible surface
(`{url}/v1`) and prints the parsed results as one JSON object (see harness.py)."""

from __future__ import annotations

import base64
import json
from typing import Any

from harness import Report, class_name, describe_png, parse_arguments

CHAT_MODEL = "meta-llama/Llama-3.1-8B-Instruct"
EMBEDDING_MODEL = "BAAI/bge-base-en-v1.5"
IMAGE_MODEL = "black-forest-labs/FLUX.1-schnell"
MESSAGES: list[Any] = [{"role": "user", "content": "Name one primary color."}]
WEATHER_TOOL: Any = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "Current weather for a city",
        "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
    },
}


def main() -> None:
    url, api_key = parse_arguments(__doc__ or "")
    import openai
    from openai import OpenAI

    # max_retries=0: a gateway error must surface as that error, not as three slow retries.
    client = OpenAI(base_url=f"{url}/v1", api_key=api_key, max_retries=0, timeout=60)
    report = Report()
    report.results["openai_version"] = openai.__version__

    def chat() -> dict[str, Any]:
        output = client.chat.completions.create(model=CHAT_MODEL, messages=MESSAGES, max_tokens=32)
        choice = output.choices[0]
        return {
            "class": class_name(output),
            "object": output.object,
            "model": output.model,
            "role": choice.message.role,
            "content": choice.message.content,
            "finish_reason": choice.finish_reason,
            "usage": None if output.usage is None else output.usage.model_dump(include={"prompt_tokens", "completion_tokens", "total_tokens"}),
        }

    def chat_stream() -> dict[str, Any]:
        with client.chat.completions.create(model=CHAT_MODEL, messages=MESSAGES, max_tokens=32, stream=True, stream_options={"include_usage": True}) as stream:
            chunks = list(stream)
        return {
            "classes": sorted({class_name(chunk) for chunk in chunks}),
            "objects": sorted({chunk.object for chunk in chunks}),
            "count": len(chunks),
            "deltas": [chunk.choices[0].delta.content for chunk in chunks if chunk.choices],
            "finish_reasons": [chunk.choices[0].finish_reason for chunk in chunks if chunk.choices],
            "usage": [None if chunk.usage is None else chunk.usage.model_dump(include={"prompt_tokens", "completion_tokens", "total_tokens"}) for chunk in chunks],
        }

    def chat_tools() -> dict[str, Any]:
        output = client.chat.completions.create(
            model=CHAT_MODEL,
            messages=[{"role": "user", "content": "What is the weather in Paris?"}],
            tools=[WEATHER_TOOL],
            tool_choice="required",
            max_tokens=64,
        )
        choice = output.choices[0]
        calls = choice.message.tool_calls or []

        def arguments(raw: str) -> Any:
            try:
                return {"parsed": json.loads(raw)}
            except json.JSONDecodeError as error:
                return {"raw": raw, "json_error": str(error)}

        return {
            "finish_reason": choice.finish_reason,
            "content": choice.message.content,
            "tool_calls": [{"class": class_name(call), "id": call.id, "type": call.type, "name": call.function.name, "arguments": arguments(call.function.arguments)} for call in calls],
        }

    def completions() -> dict[str, Any]:
        output = client.completions.create(model=CHAT_MODEL, prompt="The three primary colors are", max_tokens=5)
        choice = output.choices[0]
        return {"class": class_name(output), "object": output.object, "model": output.model, "text": choice.text, "finish_reason": choice.finish_reason, "usage": None if output.usage is None else output.usage.model_dump(include={"prompt_tokens", "completion_tokens", "total_tokens"})}

    def embeddings(**kwargs: Any) -> dict[str, Any]:
        import numpy

        output = client.embeddings.create(model=EMBEDDING_MODEL, input=["first sentence", "second sentence"], **kwargs)
        vectors = [item.embedding for item in output.data]
        decoded = [numpy.frombuffer(base64.b64decode(vector), dtype="float32").tolist() if isinstance(vector, str) else vector for vector in vectors]
        return {
            "class": class_name(output),
            "object": output.object,
            "model": output.model,
            "count": len(output.data),
            "indexes": [item.index for item in output.data],
            "raw_types": [class_name(vector) for vector in vectors],
            "lengths": [len(vector) for vector in decoded],
            "all_floats": all(isinstance(value, float) for vector in decoded for value in vector),
            "usage": None if output.usage is None else output.usage.model_dump(),
        }

    def images(response_format: str) -> dict[str, Any]:
        output = client.images.generate(model=IMAGE_MODEL, prompt="an astronaut riding a horse", size="128x64", response_format=response_format)  # type: ignore[arg-type]
        item = output.data[0] if output.data else None
        result: dict[str, Any] = {"class": class_name(output), "count": len(output.data or []), "url": item.url if item else None}
        if item is not None and item.b64_json:
            result["image"] = describe_png(base64.b64decode(item.b64_json))
        if item is not None and item.url:
            import urllib.request

            # The url is the gateway's to serve; fetch it as a user would (no auth header).
            with urllib.request.urlopen(item.url, timeout=30) as response:
                result["url_content_type"] = response.headers.get("content-type")
                result["image"] = describe_png(response.read())
        return result

    def models() -> dict[str, Any]:
        page = client.models.list()
        entries = [model.model_dump() for model in page.data]
        return {"class": class_name(page), "element_classes": sorted({class_name(model) for model in page.data}), "models": entries}

    report.run("chat", chat)
    report.run("chat_stream", chat_stream)
    report.run("chat_tools", chat_tools)
    report.run("completions", completions)
    report.run("embeddings", embeddings)
    report.run("embeddings_float", lambda: embeddings(encoding_format="float"))
    report.run("images_b64_json", lambda: images("b64_json"))
    report.run("images_url", lambda: images("url"))
    report.run("models", models)
    report.print()


if __name__ == "__main__":
    main()
