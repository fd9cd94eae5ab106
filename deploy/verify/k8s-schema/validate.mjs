// Validates every document of the given Kubernetes manifest files against its kind's API schema:
// the core kinds with kubernetes-models, KEDA's with @kubernetes-models/keda (each model's
// validate() checks types, required fields, enums and formats). A YAML error (a duplicate key
// included), a kind without a schema or a document that fails its schema is a problem.
// Prints "ok|invalid <file> <kind>/<name>" per document; exits 1 when anything is invalid.
//   node validate.mjs deploy/k8s/*.yaml
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseAllDocuments } from 'yaml';

/** The package holding the models of an API group; the core groups are in kubernetes-models. */
const PACKAGES = { 'keda.sh': '@kubernetes-models/keda' };

async function modelOf(apiVersion, kind) {
    const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
    const pkg = PACKAGES[group] ?? 'kubernetes-models';
    try {
        return (await import(`${pkg}/${apiVersion}`))[kind];
    } catch {
        return undefined;
    }
}

async function check(file, json) {
    const what = `${json?.kind}/${json?.metadata?.name}`;
    if (typeof json?.apiVersion !== 'string' || typeof json?.kind !== 'string') {
        return `${file} ${what}: no apiVersion or kind`;
    }
    const Model = await modelOf(json.apiVersion, json.kind);
    if (!Model) {
        return `${file} ${what}: no schema for ${json.apiVersion} ${json.kind}`;
    }
    try {
        new Model(json).validate();
        return null;
    } catch (e) {
        return `${file} ${what}: ${e.message}`;
    }
}

let problems = 0;
for (const path of process.argv.slice(2)) {
    const file = basename(path);
    for (const doc of parseAllDocuments(readFileSync(path, 'utf8'))) {
        if (doc.errors.length > 0) {
            problems++;
            console.log(`invalid ${file}: ${doc.errors.map((e) => e.message.split('\n')[0]).join('; ')}`);
            continue;
        }
        const json = doc.toJS();
        if (json === null || json === undefined) {
            continue;
        }
        const problem = await check(file, json);
        problems += problem ? 1 : 0;
        console.log(problem ? `invalid ${problem}` : `ok ${file} ${json.kind}/${json.metadata?.name}`);
    }
}
process.exit(problems > 0 ? 1 : 0);
