"""litellm (SDK): `litellm.completion(model="openai/<id>", api_base=<gateway>/v1, api_key=...)`: the
`openai/` prefix selects its OpenAI-compatible route. LITELLM_LOCAL_MODEL_COST_MAP keeps its import
from fetching the price list off the network."""

from __future__ import annotations

import base64
import os
from typing import Any

import cases as c

os.environ["LITELLM_LOCAL_MODEL_COST_MAP"] = "True"


def main() -> None:
    url, api_key = c.parse_arguments(__doc__ or "")
    import httpx
    import litellm

    litellm.suppress_debug_info = True  # else it prints help banners on stdout, where the report goes
    gateway = {"api_base": f"{url}/v1", "api_key": api_key, "num_retries": 0}
    model = f"openai/{c.CHAT_MODEL}"
    user = [{"role": "user", "content": c.QUESTION}]
    report = c.Report()

    def stream() -> dict[str, Any]:
        return c.stream_result(litellm.completion(model=model, messages=user, max_tokens=32, stream=True, stream_options={"include_usage": True}, **gateway))

    def tool_call() -> dict[str, Any]:
        output = litellm.completion(model=model, messages=[{"role": "user", "content": c.WEATHER_QUESTION}], tools=[c.WEATHER_TOOL], tool_choice="required", **gateway)
        return c.tool_call_result(output.choices[0].message)

    def tool_round_trip() -> dict[str, Any]:
        return c.tool_loop(
            lambda messages: litellm.completion(model=model, messages=messages, tools=[c.WEATHER_TOOL], max_tokens=64, **gateway).choices[0].message,
            lambda message: message.model_dump(exclude_none=True),
        )

    def structured() -> dict[str, Any]:
        output = litellm.completion(model=model, messages=[{"role": "user", "content": c.CITY_QUESTION}], response_format=c.CITY_FORMAT, **gateway)
        return c.structured_result(output.choices[0].message)

    def embeddings() -> dict[str, Any]:
        output = litellm.embedding(model=f"openai/{c.EMBEDDING_MODEL}", input=["red", "blue"], **gateway)
        return {"count": len(output.data), "dimension": len(output.data[0]["embedding"])}

    def images() -> dict[str, Any]:
        # litellm refuses response_format for a model it does not know as OpenAI's, so the default (URL) form.
        output = litellm.image_generation(model=f"openai/{c.IMAGE_MODEL}", prompt="a red square", size="256x256", **gateway)
        image = output.data[0]
        data = base64.b64decode(image.b64_json) if image.b64_json else httpx.get(image.url or "", headers={"authorization": f"Bearer {api_key}"}).content
        return {"count": len(output.data), "png": c.is_png(data)}

    report.run("chat", lambda: {"text": litellm.completion(model=model, messages=user, max_tokens=32, **gateway).choices[0].message.content})
    report.run("stream", stream)
    report.run("tool_call", tool_call)
    report.run("tool_round_trip", tool_round_trip)
    report.run("structured", structured)
    report.run("embeddings", embeddings)
    report.run("images", images)
    report.run("error_bad_key", lambda: c.refusal(lambda: litellm.completion(model=model, messages=user, **{**gateway, "api_key": c.BAD_KEY})))
    report.run("error_unknown_model", lambda: c.refusal(lambda: litellm.completion(model=f"openai/{c.UNKNOWN_MODEL}", messages=user, **gateway)))
    report.run("error_invalid_body", lambda: c.refusal(lambda: litellm.completion(model=model, messages=user, temperature=c.INVALID_TEMPERATURE, **gateway)))
    report.print()


if __name__ == "__main__":
    main()
