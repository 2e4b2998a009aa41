#!/usr/bin/env node
// Adds the Gatewayz provider to a huggingface.js tree: `node apply.mjs src <huggingface.js checkout>`
// edits the TypeScript sources (what the PR changes; `git diff` there is gatewayz.patch), and
// `node apply.mjs dist <unpacked @huggingface/inference package>` makes the same edits to the
// published ESM build, so tests run the real released client with the helper added.
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const [mode, root] = process.argv.slice(2);
if ((mode !== "src" && mode !== "dist") || !root) {
	console.error("usage: node apply.mjs src|dist <root>");
	process.exit(2);
}

/** Inserts `lines` before the first line matching `anchor`, at that line's indentation. */
function insertBefore(file, anchor, lines) {
	const text = readFileSync(file, "utf8");
	if (text.includes(lines[0].trim())) return; // already applied
	const rows = text.split("\n");
	const at = rows.findIndex((row) => anchor.test(row));
	if (at < 0) throw new Error(`${file}: no line matches ${anchor}`);
	const indent = /^\s*/.exec(rows[at])[0];
	rows.splice(at, 0, ...lines.map((line) => (line ? indent + line : line)));
	writeFileSync(file, rows.join("\n"));
}

const helpers = [
	'conversational: new Gatewayz.GatewayzConversationalTask(),',
	'"text-generation": new Gatewayz.GatewayzTextGenerationTask(),',
	'"text-to-image": new Gatewayz.GatewayzTextToImageTask(),',
	'"feature-extraction": new Gatewayz.GatewayzFeatureExtractionTask(),',
];

if (mode === "src") {
	const inference = join(root, "packages/inference");
	const source = join(here, "packages/inference/src/providers/gatewayz.ts");
	copyFileSync(source, join(inference, "src/providers/gatewayz.ts"));
	const tab = "\t";
	insertBefore(join(inference, "src/lib/getProviderHelper.ts"), /^import \* as Groq /, ['import * as Gatewayz from "../providers/gatewayz.js";']);
	insertBefore(join(inference, "src/lib/getProviderHelper.ts"), /^\tgroq: \{/, ["gatewayz: {", ...helpers.map((line) => tab + line), "},"]);
	insertBefore(join(inference, "src/types.ts"), /^\t"groq",/, ['"gatewayz",']);
	insertBefore(join(inference, "src/types.ts"), /^\tgroq: "groq",/, ['gatewayz: "gatewayz",']);
	insertBefore(join(inference, "src/providers/consts.ts"), /^\tgroq: \{\},/, ["gatewayz: {},"]);
	insertBefore(join(inference, "README.md"), /^- \[Groq\]/, ["- [Gatewayz](https://gatewayz.ai)"]);
	insertBefore(join(inference, "README.md"), /^- \[Groq supported models\]/, ["- [Gatewayz supported models](https://huggingface.co/api/partners/gatewayz/models)"]);
	insertBefore(join(root, "packages/tasks/src/inference-providers.ts"), /^\t"hf-inference",/, ['"gatewayz",']);
	const spec = join(inference, "test/InferenceClient.spec.ts");
	const block = readFileSync(join(here, "InferenceClient.spec.gatewayz.ts"), "utf8").trimEnd().split("\n");
	const text = readFileSync(spec, "utf8");
	if (!text.includes('"Gatewayz"')) {
		// The provider blocks end the file's top-level describe: ours goes last, before its closing "});".
		const end = text.trimEnd().lastIndexOf("});");
		writeFileSync(spec, `${text.slice(0, end)}\n${block.join("\n")}\n${text.slice(end)}`);
	}
} else {
	const esm = join(root, "dist/esm");
	const ts = await import("typescript");
	const source = readFileSync(join(here, "packages/inference/src/providers/gatewayz.ts"), "utf8");
	const { outputText } = ts.default.transpileModule(source, { compilerOptions: { module: ts.default.ModuleKind.ESNext, target: ts.default.ScriptTarget.ES2022 } });
	writeFileSync(join(esm, "providers/gatewayz.js"), outputText);
	insertBefore(join(esm, "lib/getProviderHelper.js"), /^import \* as Groq /, ['import * as Gatewayz from "../providers/gatewayz.js";']);
	insertBefore(join(esm, "lib/getProviderHelper.js"), /^\s+groq: \{/, ["gatewayz: {", ...helpers.map((line) => "    " + line), "},"]);
	insertBefore(join(esm, "types.js"), /^\s+"groq",/, ['"gatewayz",']);
	insertBefore(join(esm, "types.js"), /^\s+groq: "groq",/, ['gatewayz: "gatewayz",']);
	insertBefore(join(esm, "providers/consts.js"), /^\s+groq: \{\},/, ["gatewayz: {},"]);
}
