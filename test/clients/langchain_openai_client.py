"""langchain-openai: `ChatOpenAI(model=..., base_url=<gateway>/v1, api_key=...)`; embeddings with
`check_embedding_ctx_length=False`, else the client sends token ids (and fetches tiktoken's files)."""

from __future__ import annotations

from typing import Any

import cases as c


def main() -> None:
    url, api_key = c.parse_arguments(__doc__ or "")
    from langchain_core.messages import HumanMessage, ToolMessage
    from langchain_core.tools import tool
    from langchain_openai import ChatOpenAI, OpenAIEmbeddings
    from pydantic import BaseModel

    def chat(**options: Any) -> ChatOpenAI:
        return ChatOpenAI(**{"model": c.CHAT_MODEL, "base_url": f"{url}/v1", "api_key": api_key, "max_retries": 0, "max_tokens": 64, **options})

    @tool
    def get_weather(city: str) -> str:
        """Current weather of a city."""
        return c.WEATHER_RESULT

    class City(BaseModel):
        city: str
        population: int

    report = c.Report()

    def stream() -> dict[str, Any]:
        text, chunks, usage = "", 0, None
        for chunk in chat(stream_usage=True).stream(c.QUESTION):
            chunks += 1
            text += chunk.content if isinstance(chunk.content, str) else ""
            if chunk.usage_metadata:
                usage = {"prompt_tokens": chunk.usage_metadata["input_tokens"], "completion_tokens": chunk.usage_metadata["output_tokens"]}
        return {"text": text, "chunks": chunks, "usage": usage}

    def tool_call() -> dict[str, Any]:
        message = chat().bind_tools([get_weather], tool_choice="required").invoke(c.WEATHER_QUESTION)
        return {"name": message.tool_calls[0]["name"], "arguments": message.tool_calls[0]["args"]}

    def tool_round_trip() -> dict[str, Any]:
        model = chat().bind_tools([get_weather])
        messages: list[Any] = [HumanMessage(c.WEATHER_QUESTION)]
        calls = 0
        for _ in range(4):
            reply = model.invoke(messages)
            messages.append(reply)
            if not reply.tool_calls:
                return {"text": reply.content, "tool_calls": calls}
            for call in reply.tool_calls:
                calls += 1
                messages.append(ToolMessage(content=get_weather.invoke(call["args"]), tool_call_id=call["id"]))
        raise AssertionError(f"no text answer after 4 turns and {calls} tool calls")

    def embeddings() -> dict[str, Any]:
        vectors = OpenAIEmbeddings(model=c.EMBEDDING_MODEL, base_url=f"{url}/v1", api_key=api_key, check_embedding_ctx_length=False, max_retries=0).embed_documents(["red", "blue"])
        return {"count": len(vectors), "dimension": len(vectors[0])}

    report.run("chat", lambda: {"text": chat().invoke(c.QUESTION).content})
    report.run("stream", stream)
    report.run("tool_call", tool_call)
    report.run("tool_round_trip", tool_round_trip)
    report.run("structured", lambda: {"value": chat().with_structured_output(City, method="json_schema").invoke(c.CITY_QUESTION).model_dump()})
    report.run("embeddings", embeddings)
    report.run("error_bad_key", lambda: c.refusal(lambda: chat(api_key=c.BAD_KEY).invoke(c.QUESTION)))
    report.run("error_unknown_model", lambda: c.refusal(lambda: chat(model=c.UNKNOWN_MODEL).invoke(c.QUESTION)))
    report.run("error_invalid_body", lambda: c.refusal(lambda: chat(temperature=c.INVALID_TEMPERATURE).invoke(c.QUESTION)))
    report.print()


if __name__ == "__main__":
    main()
