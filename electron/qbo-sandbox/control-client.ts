// The client side of the sandbox's control routes (control.ts): tests and benchmarks turn faults on,
// read tokens and inspect state through these.
export async function control(sandbox: { url: string }, route: string, body: unknown = {}): Promise<Record<string, unknown>> {
  const res = await fetch(`${sandbox.url}/_sandbox/${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`sandbox control ${route}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

export async function sandboxState(sandbox: { url: string }): Promise<Record<string, unknown>> {
  return (await (await fetch(`${sandbox.url}/_sandbox/state`)).json()) as Record<string, unknown>;
}
