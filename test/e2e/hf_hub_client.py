"""Runs every huggingface_hub InferenceClient call of issue 4 against a Gatewayz and prints the
parsed results as one JSON object (see harness.py).

The model is always in the client URL (`/models/{org}/{name}`): a per-call `model=` on non-chat
methods would send the request to huggingface.co instead (hf-provider-spec §5).
"""

from __future__ import annotations

from typing import Any

from harness import Report, class_name, parse_arguments

CHAT_MODEL = "meta-llama/Llama-3.1-8B-Instruct"
SUMMARIZATION_MODEL = "facebook/bart-large-cnn"
TRANSLATION_MODEL = "Helsinki-NLP/opus-mt-en-fr"
QUESTION_ANSWERING_MODEL = "deepset/roberta-base-squad2"
TEXT_CLASSIFICATION_MODEL = "distilbert/distilbert-base-uncased-finetuned-sst-2-english"
TOKEN_CLASSIFICATION_MODEL = "dslim/bert-base-NER"
EMBEDDING_MODEL = "BAAI/bge-base-en-v1.5"
IMAGE_MODEL = "black-forest-labs/FLUX.1-schnell"

PROMPT = "The three primary colors are"
ARTICLE = (
    "The Eiffel Tower is 324 metres tall, about the same height as an 81-storey building, and the tallest"
    " structure in Paris. Its base is square, measuring 125 metres on each side. During its construction it"
    " surpassed the Washington Monument to become the tallest man-made structure in the world."
)
QA_CONTEXT = "My name is Clara and I live in Berkeley."
NER_TEXT = "My name is Omar and I work at Hugging Face in Paris."
MESSAGES = [{"role": "user", "content": "Name one primary color."}]


def main() -> None:
    url, api_key = parse_arguments(__doc__ or "")
    from huggingface_hub import InferenceClient, __version__

    def client_for(model: str) -> InferenceClient:
        return InferenceClient(model=f"{url}/models/{model}", api_key=api_key)

    report = Report()
    report.results["huggingface_hub_version"] = __version__

    def chat(client: InferenceClient, **kwargs: Any) -> dict[str, Any]:
        output = client.chat_completion(MESSAGES, max_tokens=32, **kwargs)
        choice = output.choices[0]
        return {
            "class": class_name(output),
            "choice_class": class_name(choice),
            "id": output.id,
            "object": output.object,
            "model": output.model,
            "role": choice.message.role,
            "content": choice.message.content,
            "finish_reason": choice.finish_reason,
            "usage": None if output.usage is None else {"prompt_tokens": output.usage.prompt_tokens, "completion_tokens": output.usage.completion_tokens, "total_tokens": output.usage.total_tokens},
        }

    def chat_stream(client: InferenceClient, **kwargs: Any) -> dict[str, Any]:
        chunks = list(client.chat_completion(MESSAGES, max_tokens=32, stream=True, **kwargs))
        return {
            "classes": sorted({class_name(chunk) for chunk in chunks}),
            "count": len(chunks),
            "deltas": [chunk.choices[0].delta.content for chunk in chunks if chunk.choices],
            "finish_reasons": [chunk.choices[0].finish_reason for chunk in chunks if chunk.choices],
            "ids": sorted({chunk.id for chunk in chunks}),
        }

    # base_url is the OpenAI-style alias of model: chat appends /v1/chat/completions and sends model "dummy".
    chat_client = InferenceClient(base_url=f"{url}/models/{CHAT_MODEL}", api_key=api_key)
    report.run("chat_completion", lambda: chat(chat_client))
    report.run("chat_completion_stream", lambda: chat_stream(chat_client))
    # The root OpenAI surface through the HF client: base_url …/v1, the Hub id per call goes in the body.
    root_client = InferenceClient(base_url=f"{url}/v1", api_key=api_key)
    report.run("chat_completion_root", lambda: chat(root_client, model=CHAT_MODEL))
    report.run("chat_completion_root_stream", lambda: chat_stream(root_client, model=CHAT_MODEL))

    text_client = client_for(CHAT_MODEL)

    def text_generation_details() -> dict[str, Any]:
        output = text_client.text_generation(PROMPT, max_new_tokens=3, details=True)
        return {
            "class": class_name(output),
            "details_class": class_name(output.details),
            "generated_text": output.generated_text,
            "finish_reason": output.details.finish_reason if output.details else None,
            "generated_tokens": output.details.generated_tokens if output.details else None,
            "tokens": None if output.details is None or output.details.tokens is None else [token.text for token in output.details.tokens],
        }

    def text_generation_stream() -> dict[str, Any]:
        # The client owns the response: iterate while `text_client` is alive (spec §5).
        tokens = list(text_client.text_generation(PROMPT, max_new_tokens=8, stream=True))
        return {"classes": sorted({class_name(token) for token in tokens}), "tokens": tokens}

    def text_generation_stream_details() -> dict[str, Any]:
        events = list(text_client.text_generation(PROMPT, max_new_tokens=8, stream=True, details=True))
        last = events[-1]
        return {
            "classes": sorted({class_name(event) for event in events}),
            "tokens": [event.token.text for event in events],
            "special": [event.token.special for event in events],
            "generated_text": last.generated_text,
            "finish_reason": last.details.finish_reason if last.details else None,
        }

    report.run("text_generation", lambda: {"class": class_name(output := text_client.text_generation(PROMPT, max_new_tokens=20)), "text": output, "prompt": PROMPT})
    report.run("text_generation_details", text_generation_details)
    report.run("text_generation_stream", text_generation_stream)
    report.run("text_generation_stream_details", text_generation_stream_details)

    summarization_client = client_for(SUMMARIZATION_MODEL)
    report.run("summarization", lambda: {"class": class_name(output := summarization_client.summarization(ARTICLE)), "summary_text": output.summary_text, "input": ARTICLE})

    translation_client = client_for(TRANSLATION_MODEL)
    report.run("translation", lambda: {"class": class_name(output := translation_client.translation("Hello, how are you?", src_lang="en", tgt_lang="fr")), "translation_text": output.translation_text})
    # No languages: the model mapping's default (en → fr) applies.
    report.run("translation_mapped_languages", lambda: {"class": class_name(output := translation_client.translation("Good morning")), "translation_text": output.translation_text})

    question_answering_client = client_for(QUESTION_ANSWERING_MODEL)

    def question_answering() -> dict[str, Any]:
        output = question_answering_client.question_answering(question="Where does Clara live?", context=QA_CONTEXT)
        return {"class": class_name(output), "answer": output.answer, "start": output.start, "end": output.end, "score": output.score, "context": QA_CONTEXT}

    report.run("question_answering", question_answering)

    text_classification_client = client_for(TEXT_CLASSIFICATION_MODEL)

    def text_classification() -> dict[str, Any]:
        output = text_classification_client.text_classification("I love this movie, it is wonderful!")
        return {"class": class_name(output), "element_classes": sorted({class_name(element) for element in output}), "labels": [element.label for element in output], "scores": [element.score for element in output]}

    report.run("text_classification", text_classification)

    token_classification_client = client_for(TOKEN_CLASSIFICATION_MODEL)

    def token_classification() -> dict[str, Any]:
        output = token_classification_client.token_classification(NER_TEXT)
        return {
            "class": class_name(output),
            "element_classes": sorted({class_name(element) for element in output}),
            "text": NER_TEXT,
            "entities": [{"entity_group": element.entity_group, "word": element.word, "start": element.start, "end": element.end, "score": element.score} for element in output],
        }

    report.run("token_classification", token_classification)

    embedding_client = client_for(EMBEDDING_MODEL)

    def feature_extraction(text: str | list[str]) -> dict[str, Any]:
        import numpy

        output = embedding_client.feature_extraction(text)
        return {"class": class_name(output), "shape": list(output.shape), "dtype": str(output.dtype), "finite": bool(numpy.isfinite(output).all()), "norms": [float(numpy.linalg.norm(row)) for row in output.reshape(-1, output.shape[-1])]}

    report.run("feature_extraction", lambda: feature_extraction("Today is a sunny day."))
    report.run("feature_extraction_batch", lambda: feature_extraction(["first sentence", "second sentence"]))

    image_client = client_for(IMAGE_MODEL)

    def text_to_image() -> dict[str, Any]:
        image = image_client.text_to_image("an astronaut riding a horse", width=96, height=64)
        return {"class": class_name(image), "size": list(image.size), "mode": image.mode, "format": image.format, "requested_size": [96, 64]}

    def text_to_image_invalid_size() -> dict[str, Any]:
        # A bad request as a user makes it: what the user reads is the client's exception text.
        try:
            image_client.text_to_image("an astronaut riding a horse", width=96, height=1)
        except Exception as error:  # noqa: BLE001
            return {"raised": class_name(error), "message": str(error), "status": getattr(getattr(error, "response", None), "status_code", None)}
        return {"raised": None}

    report.run("text_to_image", text_to_image)
    report.run("text_to_image_invalid_size", text_to_image_invalid_size)
    report.print()


if __name__ == "__main__":
    main()
