"""pydantic-ai (slim, [openai]): `OpenAIChatModel(id, provider=OpenAIProvider(base_url=<gateway>/v1, api_key=...))`."""

from __future__ import annotations

from typing import Any

import cases as c


def main() -> None:
    url, api_key = c.parse_arguments(__doc__ or "")
    from pydantic import BaseModel
    from pydantic_ai import Agent, Embedder, ImageGenerator, NativeOutput
    from pydantic_ai.embeddings.openai import OpenAIEmbeddingModel
    from pydantic_ai.images.openai import OpenAIImageGenerationModel
    from pydantic_ai.models.openai import OpenAIChatModel
    from pydantic_ai.providers.openai import OpenAIProvider
    from pydantic_ai.settings import ModelSettings

    provider = OpenAIProvider(base_url=f"{url}/v1", api_key=api_key)
    model = OpenAIChatModel(c.CHAT_MODEL, provider=provider)
    report = c.Report()

    def stream() -> dict[str, Any]:
        import asyncio

        async def run() -> dict[str, Any]:
            chunks, text = 0, ""
            async with Agent(model).run_stream(c.QUESTION, model_settings=ModelSettings(max_tokens=32)) as result:
                # Deltas, undebounced: the default debounce merges a fast stream into one or two pieces.
                async for piece in result.stream_text(delta=True, debounce_by=None):
                    chunks += 1
                    text += piece
                usage = result.usage() if callable(result.usage) else result.usage  # a property in newer releases
            return {"text": text, "chunks": chunks, "usage": {"prompt_tokens": usage.input_tokens, "completion_tokens": usage.output_tokens} if usage.output_tokens else None}

        return asyncio.run(run())

    def tool_round_trip() -> dict[str, Any]:
        calls = 0
        agent = Agent(model)

        @agent.tool_plain
        def get_weather(city: str) -> str:
            """Current weather of a city."""
            nonlocal calls
            calls += 1
            return c.WEATHER_RESULT

        result = agent.run_sync(c.WEATHER_QUESTION)
        return {"text": result.output, "tool_calls": calls}

    class City(BaseModel):
        city: str
        population: int

    def images() -> dict[str, Any]:
        result = ImageGenerator(OpenAIImageGenerationModel(c.IMAGE_MODEL, provider=provider)).generate_sync("a red square")
        return {"count": len(result.images), "png": c.is_png(result.images[0].content.data)}

    def embeddings() -> dict[str, Any]:
        result = Embedder(OpenAIEmbeddingModel(c.EMBEDDING_MODEL, provider=provider)).embed_documents_sync(["red", "blue"])
        return {"count": len(result.embeddings), "dimension": len(result.embeddings[0])}

    report.run("chat", lambda: {"text": Agent(model).run_sync(c.QUESTION, model_settings=ModelSettings(max_tokens=32)).output})
    report.run("stream", stream)
    report.run("tool_round_trip", tool_round_trip)
    # NativeOutput sends response_format json_schema (the default ToolOutput would be a tool call).
    report.run("structured", lambda: {"value": Agent(model, output_type=NativeOutput(City)).run_sync(c.CITY_QUESTION).output.model_dump()})
    report.run("embeddings", embeddings)
    report.run("images", images)
    bad = OpenAIChatModel(c.CHAT_MODEL, provider=OpenAIProvider(base_url=f"{url}/v1", api_key=c.BAD_KEY))
    report.run("error_bad_key", lambda: c.refusal(lambda: Agent(bad).run_sync(c.QUESTION)))
    report.run("error_unknown_model", lambda: c.refusal(lambda: Agent(OpenAIChatModel(c.UNKNOWN_MODEL, provider=provider)).run_sync(c.QUESTION)))
    report.run("error_invalid_body", lambda: c.refusal(lambda: Agent(model).run_sync(c.QUESTION, model_settings=ModelSettings(temperature=c.INVALID_TEMPERATURE))))
    report.print()


if __name__ == "__main__":
    main()
