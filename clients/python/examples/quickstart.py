"""The Gatewayz document's Python example, as written, except for the key: AsyncGatewayzClient()
with no api_key reads GATEWAYZ_API_KEY (and GATEWAYZ_BASE_URL, default http://localhost:8080).
CI runs this file against a live gateway (clients/python/tests/python-client.test.ts)."""

import asyncio
import json
import os

from gatewayz_py_hf import AsyncGatewayzClient


async def main() -> None:
    async with AsyncGatewayzClient(api_key=os.environ["GATEWAYZ_API_KEY"]) as client:
        # Text generation
        response = await client.text_generation(inputs="Hello, world!", model="gpt-3.5-turbo")

        # Calculate cost
        cost = await client.calculate_cost(
            [
                {
                    "task": "text-generation",
                    "model": "gpt-3.5-turbo",
                    "input_tokens": 10,
                    "output_tokens": 20,
                }
            ]
        )

        # Get usage records
        usage = await client.get_usage(limit=50)

    print(json.dumps({"text": response.output[0].generated_text, "cost": cost.total_cost_nano_usd, "records": usage.total_records}))


asyncio.run(main())
