"""openai-agents: `set_default_openai_client(AsyncOpenAI(base_url=<gateway>/v1, api_key=...))` and
`set_tracing_disabled(True)` (traces would go to OpenAI). Its default model API is Responses; the
`_chat_completions` cases set `set_default_openai_api("chat_completions")` instead."""

from __future__ import annotations

import asyncio
from typing import Any

import cases as c


def main() -> None:
    url, api_key = c.parse_arguments(__doc__ or "")
    from agents import Agent, ModelSettings, Runner, function_tool, set_default_openai_api, set_default_openai_client, set_tracing_disabled
    from openai import AsyncOpenAI
    from pydantic import BaseModel

    set_tracing_disabled(True)
    report = c.Report()

    class City(BaseModel):
        city: str
        population: int

    def use(api: str, key: str = api_key) -> None:
        set_default_openai_client(AsyncOpenAI(base_url=f"{url}/v1", api_key=key, max_retries=0), use_for_tracing=False)
        set_default_openai_api(api)  # type: ignore[arg-type]

    def chat() -> dict[str, Any]:
        result = Runner.run_sync(Agent(name="assistant", model=c.CHAT_MODEL, model_settings=ModelSettings(max_tokens=32)), c.QUESTION)
        return {"text": result.final_output}

    def stream() -> dict[str, Any]:
        async def run() -> dict[str, Any]:
            # include_usage: on Chat Completions the SDK asks for stream usage only when told to.
            result = Runner.run_streamed(Agent(name="assistant", model=c.CHAT_MODEL, model_settings=ModelSettings(max_tokens=32, include_usage=True)), c.QUESTION)
            chunks = 0
            async for event in result.stream_events():
                if event.type == "raw_response_event" and getattr(event.data, "type", "") == "response.output_text.delta":
                    chunks += 1
            usage = result.context_wrapper.usage
            return {"text": result.final_output, "chunks": chunks, "usage": {"prompt_tokens": usage.input_tokens, "completion_tokens": usage.output_tokens} if usage.output_tokens else None}

        return asyncio.run(run())

    def tool_round_trip() -> dict[str, Any]:
        calls = 0

        @function_tool
        def get_weather(city: str) -> str:
            """Current weather of a city."""
            nonlocal calls
            calls += 1
            return c.WEATHER_RESULT

        result = Runner.run_sync(Agent(name="assistant", model=c.CHAT_MODEL, tools=[get_weather]), c.WEATHER_QUESTION, max_turns=4)
        return {"text": result.final_output, "tool_calls": calls}

    def structured() -> dict[str, Any]:
        result = Runner.run_sync(Agent(name="assistant", model=c.CHAT_MODEL, output_type=City), c.CITY_QUESTION)
        return {"value": result.final_output.model_dump()}

    def errors(suffix: str, api: str) -> None:
        def run(model: str = c.CHAT_MODEL, key: str = api_key, **settings: Any) -> Any:
            use(api, key)
            try:
                return Runner.run_sync(Agent(name="assistant", model=model, model_settings=ModelSettings(**settings)), c.QUESTION)
            finally:
                use(api)

        report.run(f"error_bad_key{suffix}", lambda: c.refusal(lambda: run(key=c.BAD_KEY)))
        report.run(f"error_unknown_model{suffix}", lambda: c.refusal(lambda: run(model=c.UNKNOWN_MODEL)))
        report.run(f"error_invalid_body{suffix}", lambda: c.refusal(lambda: run(temperature=c.INVALID_TEMPERATURE)))

    for suffix, api in (("", "responses"), ("_chat_completions", "chat_completions")):
        for name, case in (("chat", chat), ("stream", stream), ("tool_round_trip", tool_round_trip), ("structured", structured)):
            # A fresh client per case: its connection pool belongs to the event loop of the case that used it.
            report.run(f"{name}{suffix}", lambda case=case, api=api: (use(api), case())[1])
        errors(suffix, api)
    report.print()


if __name__ == "__main__":
    main()
