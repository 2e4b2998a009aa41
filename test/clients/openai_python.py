"""openai (Python) at `<gateway>/v1` with the Gatewayz key: the conformance cases (cases.py)."""

from __future__ import annotations

import base64
from typing import Any

import cases as c


def main() -> None:
    url, api_key = c.parse_arguments(__doc__ or "")
    from openai import OpenAI

    client = OpenAI(base_url=f"{url}/v1", api_key=api_key, max_retries=0)
    user = [{"role": "user", "content": c.QUESTION}]
    report = c.Report()

    def stream() -> dict[str, Any]:
        return c.stream_result(client.chat.completions.create(model=c.CHAT_MODEL, messages=user, max_tokens=32, stream=True, stream_options={"include_usage": True}))

    def tool_call() -> dict[str, Any]:
        output = client.chat.completions.create(model=c.CHAT_MODEL, messages=[{"role": "user", "content": c.WEATHER_QUESTION}], tools=[c.WEATHER_TOOL], tool_choice="required")
        return c.tool_call_result(output.choices[0].message)

    def tool_round_trip() -> dict[str, Any]:
        return c.tool_loop(
            lambda messages: client.chat.completions.create(model=c.CHAT_MODEL, messages=messages, tools=[c.WEATHER_TOOL], max_tokens=64).choices[0].message,
            lambda message: message.model_dump(exclude_none=True),
        )

    def structured() -> dict[str, Any]:
        output = client.chat.completions.create(model=c.CHAT_MODEL, messages=[{"role": "user", "content": c.CITY_QUESTION}], response_format=c.CITY_FORMAT)
        return c.structured_result(output.choices[0].message)

    def responses_stream() -> dict[str, Any]:
        text, chunks, usage = "", 0, None
        for event in client.responses.create(model=c.CHAT_MODEL, input=c.QUESTION, max_output_tokens=32, stream=True):
            chunks += 1
            if event.type == "response.output_text.delta":
                text += event.delta
            if event.type == "response.completed" and event.response.usage:
                usage = {"prompt_tokens": event.response.usage.input_tokens, "completion_tokens": event.response.usage.output_tokens}
        return {"text": text, "chunks": chunks, "usage": usage}

    def embeddings() -> dict[str, Any]:
        output = client.embeddings.create(model=c.EMBEDDING_MODEL, input=["red", "blue"])
        return {"count": len(output.data), "dimension": len(output.data[0].embedding)}

    def images() -> dict[str, Any]:
        output = client.images.generate(model=c.IMAGE_MODEL, prompt="a red square", size="256x256", response_format="b64_json")
        return {"count": len(output.data or []), "png": c.is_png(base64.b64decode(output.data[0].b64_json or ""))}

    report.run("chat", lambda: {"text": client.chat.completions.create(model=c.CHAT_MODEL, messages=user, max_tokens=32).choices[0].message.content})
    report.run("stream", stream)
    report.run("tool_call", tool_call)
    report.run("tool_round_trip", tool_round_trip)
    report.run("structured", structured)
    report.run("chat_responses", lambda: {"text": client.responses.create(model=c.CHAT_MODEL, input=c.QUESTION, max_output_tokens=32).output_text})
    report.run("stream_responses", responses_stream)
    report.run("embeddings", embeddings)
    report.run("images", images)
    bad = OpenAI(base_url=f"{url}/v1", api_key=c.BAD_KEY, max_retries=0)
    report.run("error_bad_key", lambda: c.refusal(lambda: bad.chat.completions.create(model=c.CHAT_MODEL, messages=user)))
    report.run("error_unknown_model", lambda: c.refusal(lambda: client.chat.completions.create(model=c.UNKNOWN_MODEL, messages=user)))
    report.run("error_invalid_body", lambda: c.refusal(lambda: client.chat.completions.create(model=c.CHAT_MODEL, messages=user, temperature=c.INVALID_TEMPERATURE)))
    report.print()


if __name__ == "__main__":
    main()
