import { postGraphQL } from './processes.js';

/** The SDL a subgraph publishes for composition (`_service { sdl }`), fetched the way a gateway or rover does. */
export async function fetchSubgraphSdl(url: string, headers: Record<string, string> = {}): Promise<string> {
  const { body } = await postGraphQL(url, '{ _service { sdl } }', {}, headers);
  if (body.errors) throw new Error(`${url} did not publish its SDL: ${JSON.stringify(body.errors)}`);
  return body.data._service.sdl;
}
