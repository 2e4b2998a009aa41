"""Every method of both clients against a live gateway (see conftest.py)."""

from __future__ import annotations

import asyncio
import base64
import time

import pytest

from gatewayz_py_hf import AsyncGatewayzClient, AuthenticationError, BadRequestError, GatewayzClient, NotFoundError, PermissionDeniedError


def test_every_task(gateway: dict[str, str]) -> None:
    with GatewayzClient(api_key=gateway["key"], base_url=gateway["url"]) as client:
        generated = client.text_generation(inputs="Hello, world!")
        assert generated.output[0].generated_text.strip()
        assert generated.inference_id and len(generated.inference_id) == 36
        chat = client.conversational(text="What is AI?", past_user_inputs=["Hello"], generated_responses=["Hi there!"])
        assert chat.conversation.past_user_inputs == ["Hello", "What is AI?"]
        assert len(chat.conversation.generated_responses) == 2
        assert client.summarization(inputs="A long document about cats. " * 5).output.summary_text.strip()
        assert client.translation(inputs="Hello", parameters={"tgt_lang": "fr"}).output.translation_text.strip()
        context = "My name is Clara and I live in Berkeley."
        answer = client.question_answering(inputs={"question": "Who?", "context": context}).output
        assert context[answer.start : answer.end] == answer.answer
        labels = client.text_classification(inputs="I love it", parameters={"candidate_labels": ["positive", "negative"]})
        assert sorted(entry.label for entry in labels.output) == ["negative", "positive"]
        assert isinstance(client.token_classification(inputs="Alice works at Acme in Berlin.").output, list)
        image = client.image_generation(inputs="a red cat", parameters={"width": 64, "height": 64}).output
        assert image.content_type == "image/png" and base64.b64decode(image.image)[1:4] == b"PNG"
        assert isinstance(client.embedding(inputs="hello").output[0], float)
        assert len(client.embedding(inputs=["a", "b"]).output) == 2
        assert "summary_text" in client.run(task="summarization", inputs="Some text to shorten, please.").body["output"]


def test_streams_with_the_cost_of_the_final_event(gateway: dict[str, str]) -> None:
    with GatewayzClient(api_key=gateway["key"], base_url=gateway["url"]) as client:
        with client.text_generation_stream(inputs="Tell me a story", parameters={"max_tokens": 20}) as stream:
            events = list(stream)
        assert len(events) > 2
        final = events[-1]
        assert (final.get("generated_text") or "").endswith("".join(event["token"]["text"] for event in events[:-1]))
        assert stream.cost_nano_usd == final["usage"]["cost_nano_usd"]
        assert client.conversational_stream(text="Hi there").text().strip()
        assert client.run_stream(task="text-generation", inputs="Hi").text().strip()


def test_leaving_a_stream_early_closes_the_connection(gateway: dict[str, str]) -> None:
    with GatewayzClient(api_key=gateway["key"], base_url=gateway["url"]) as client:
        with client.text_generation_stream(inputs="A long answer, python", parameters={"max_tokens": 200}) as stream:
            for _ in stream:
                break
        deadline = time.monotonic() + 10
        while not any(record.status != "success" for record in client.get_usage(limit=20).records):
            assert time.monotonic() < deadline, "the gateway never saw the stream cut short"
            time.sleep(0.2)


def test_models_billing_and_usage(gateway: dict[str, str]) -> None:
    with GatewayzClient(api_key=gateway["admin"], base_url=gateway["url"]) as admin:
        mapped = admin.map_model(provider_model_id="gpt-3.5-turbo", hub_model_id="meta-llama/Llama-2-7b-chat", task_type="text-generation")
        assert mapped.success and mapped.hub_model_id == "meta-llama/Llama-2-7b-chat"
    with GatewayzClient(api_key=gateway["key"], base_url=gateway["url"]) as client:
        assert any(model.hub_model_id == "meta-llama/Llama-2-7b-chat" for model in client.list_models(task_type="text-generation").models)
        cost = client.calculate_cost([{"task": "text-generation", "model": "gpt-3.5-turbo", "input_tokens": 100, "output_tokens": 50}])
        assert cost.total_cost_nano_usd == 125000 and cost.costs[0].cost_usd == 0.000125
        assert client.get_usage(limit=50, offset=0).total_records > 0
        assert len(client.get_usage(limit=1).records) == 1


def test_typed_errors_with_their_details(gateway: dict[str, str]) -> None:
    with GatewayzClient(api_key="gwz_unknown", base_url=gateway["url"]) as stranger, pytest.raises(AuthenticationError) as raised:
        stranger.text_generation(inputs="x")
    assert raised.value.status == 401 and raised.value.error_type and raised.value.inference_id
    with GatewayzClient(api_key=gateway["key"], base_url=gateway["url"]) as client:
        with pytest.raises(PermissionDeniedError):
            client.map_model(provider_model_id="gpt-4o", hub_model_id="org/model", task_type="text-generation")
        with pytest.raises(NotFoundError):
            client.text_generation(inputs="x", model="no-such-model")
        with pytest.raises(BadRequestError):
            client.text_generation(inputs="")


def test_async_client_end_to_end(gateway: dict[str, str]) -> None:
    async def main() -> None:
        async with AsyncGatewayzClient(api_key=gateway["key"], base_url=gateway["url"]) as client:
            summary, models = await asyncio.gather(client.summarization(inputs="Shorten this text, please."), client.list_models())
            assert summary.output.summary_text.strip() and models.count >= 0
            async with client.conversational_stream(text="Hello") as stream:
                assert [event async for event in stream]
            assert stream.cost_nano_usd is not None
            with pytest.raises(NotFoundError):
                await client.embedding(inputs="x", model="no-such-model")

    asyncio.run(main())
