"""Runs every Gatewayz helper task through the released huggingface_hub (patched by
integrations/huggingface_hub/apply.py), plain and streaming, with a Gatewayz key (direct) and an
hf_ token (through the router stand-in). HF_ENDPOINT points the Hub look-ups at the Hub simulator.
Prints one JSON report; asserts nothing itself, so the vitest test shows every result."""

import io
import json
import os
import sys

import huggingface_hub
from huggingface_hub import InferenceClient, constants
from huggingface_hub.inference._providers import PROVIDERS

gateway, key, router = os.environ["GATEWAY_URL"], os.environ["GATEWAY_KEY"], os.environ["ROUTER_URL"]
# HF's router and Gatewayz's public URL are constants in the client: point them at the local stand-ins.
constants.INFERENCE_PROXY_TEMPLATE = router + "/{provider}"
for helper in PROVIDERS["gatewayz"].values():
    helper.base_url = gateway

report = {"version": huggingface_hub.__version__, "file": huggingface_hub.__file__, "runs": {}}
for name, token in (("direct", key), ("router", "hf_user_token")):
    client = InferenceClient(provider="gatewayz", api_key=token)
    results = {}

    def run(call, fn):
        try:
            results[call] = {"ok": True, "value": fn()}
        except Exception as error:  # noqa: BLE001 - reported, judged by the test
            results[call] = {"ok": False, "error": f"{type(error).__name__}: {error}"[:300]}

    messages = [{"role": "user", "content": "Name one primary color."}]
    chat = "meta-llama/Llama-3.1-8B-Instruct"
    run("chat", lambda: client.chat_completion(messages, model=chat, max_tokens=16).choices[0].message.content)
    run("chat_stream", lambda: [c.choices[0].delta.content for c in client.chat_completion(messages, model=chat, max_tokens=16, stream=True) if c.choices])
    base = "meta-llama/Llama-3.1-8B"
    run("text_generation", lambda: client.text_generation("The primary colors are", model=base, max_new_tokens=6))
    run("text_generation_stream", lambda: list(client.text_generation("The primary colors are", model=base, max_new_tokens=6, stream=True)))
    def image():
        picture = client.text_to_image("a lighthouse", model="black-forest-labs/FLUX.1-schnell", width=64, height=64)
        return {"format": picture.format, "size": list(picture.size)}
    run("text_to_image", image)
    run("feature_extraction", lambda: list(client.feature_extraction("hello", model="BAAI/bge-base-en-v1.5").shape))
    report["runs"][name] = results

json.dump(report, sys.stdout)
