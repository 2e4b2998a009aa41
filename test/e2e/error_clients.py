"""The error reason as each real Python client shows it: huggingface_hub on the HF-native routes
(`/models/*`) and `openai` on `/v1/*`, for a bad key, an unknown model and an invalid body; and,
against a gateway whose upstream cuts streams, openai's stream error. Prints one JSON report."""

from __future__ import annotations

from typing import Any, Callable

from harness import Report, class_name, parse_arguments

CHAT_MODEL = "meta-llama/Llama-3.1-8B-Instruct"
MESSAGES: list[Any] = [{"role": "user", "content": "Hi"}]


def raised(call: Callable[[], Any]) -> dict[str, Any]:
    """What a user sees of the exception: its class, status and text."""
    try:
        call()
    except Exception as error:  # noqa: BLE001 — the exception is the result
        response = getattr(error, "response", None)
        body = getattr(error, "body", None)
        return {
            "class": class_name(error),
            "status": getattr(response, "status_code", None) or getattr(error, "status_code", None),
            "text": str(error),
            "message": getattr(error, "message", None),
            "body": body if isinstance(body, dict) else None,
        }
    return {"class": None}


def main() -> None:
    url, api_key = parse_arguments(__doc__ or "")
    from huggingface_hub import InferenceClient
    from openai import OpenAI

    report = Report()
    model_url = f"{url}/models/{CHAT_MODEL}"
    hub = InferenceClient(model=model_url, token=api_key)
    anonymous_hub = InferenceClient(model=model_url, token="gw_not_a_real_key")
    report.run("hub_401", lambda: raised(lambda: anonymous_hub.text_generation("Hi", max_new_tokens=4)))
    report.run("hub_404", lambda: raised(lambda: InferenceClient(model=f"{url}/models/nobody/nothing", token=api_key).text_generation("Hi")))
    report.run("hub_validation", lambda: raised(lambda: hub.text_generation("", max_new_tokens=4)))
    qa = InferenceClient(model=f"{url}/models/deepset/roberta-base-squad2", token=api_key)
    report.run("hub_422", lambda: raised(lambda: qa.question_answering(question="What is the capital of France?", context="Bananas are yellow.")))

    client = OpenAI(base_url=f"{url}/v1", api_key=api_key, max_retries=0, timeout=60)
    anonymous = OpenAI(base_url=f"{url}/v1", api_key="gw_not_a_real_key", max_retries=0, timeout=60)
    report.run("openai_401", lambda: raised(lambda: anonymous.chat.completions.create(model=CHAT_MODEL, messages=MESSAGES)))
    report.run("openai_404", lambda: raised(lambda: client.chat.completions.create(model="no-such/model", messages=MESSAGES)))
    report.run("openai_400", lambda: raised(lambda: client.chat.completions.create(model=CHAT_MODEL, messages=MESSAGES, temperature=3)))

    def stream() -> None:
        for _chunk in client.chat.completions.create(model=CHAT_MODEL, messages=MESSAGES, stream=True):
            pass

    report.run("openai_stream", lambda: raised(stream))
    report.print()


if __name__ == "__main__":
    main()
