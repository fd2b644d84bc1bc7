import type { RequestHandler, Response } from 'express';
import { Lexer, Source, stripIgnoredCharacters, TokenKind, type Token } from 'graphql';
import { operationHash } from '../persisted-operations/operation-registry.js';

/**
 * Rewrites the query of a POSTed GraphQL request to its normal form (graphql-js
 * `stripIgnoredCharacters`: no comments, no insignificant whitespace or commas), so the response
 * cache, Apollo's document cache and everything else keyed by the query text see one document
 * however it is spaced or commented. Without it a trailing `# 1`, `# 2`… made every request a new
 * document to parse, validate, price and run (102 instead of 2,186 requests a second).
 *
 * Left as sent: APQ requests (their hash is of the exact text), registered operations
 * (persisted-only mode knows them by the hash of their text), text over `maxTokens` (Apollo stops
 * parsing it there; it is not lexed to the end here) and text that does not lex (Apollo reports
 * the syntax error where the client made it). Error locations in the answer are given in the text
 * the client sent.
 */
export function normaliseQueries({ isRegistered, maxTokens }: { isRegistered(hash: string): boolean; maxTokens: number }): RequestHandler {
  return (req, res, next) => {
    const body = req.body as { query?: unknown; extensions?: { persistedQuery?: unknown } } | undefined;
    const sent = body?.query;
    if (typeof sent !== 'string' || body!.extensions?.persistedQuery || isRegistered(operationHash(sent))) return next();
    let normal: string;
    try {
      if (!withinTokens(sent, maxTokens)) return next();
      normal = stripIgnoredCharacters(sent);
    } catch {
      return next();
    }
    if (normal === sent) return next();
    body!.query = normal;
    locateErrorsInSentText(res, sent, normal);
    next();
  };
}

/** Whether `text` has at most `maxTokens` tokens (comments left out, as graphql-js counts them); throws if it does not lex. */
function withinTokens(text: string, maxTokens: number): boolean {
  const lexer = new Lexer(new Source(text));
  for (let count = 0; lexer.advance().kind !== TokenKind.EOF; ) {
    if (++count > maxTokens) return false;
  }
  return true;
}

/** The tokens of a text that lexes, comments left out, up to and including <EOF>. */
function tokens(text: string): Token[] {
  const lexer = new Lexer(new Source(text));
  const found: Token[] = [];
  for (let token = lexer.advance(); ; token = lexer.advance()) {
    found.push(token);
    if (token.kind === TokenKind.EOF) return found;
  }
}

/**
 * Where each token of the normal text is in the sent one: both are the same tokens in the same
 * order, and every error location is a token's start.
 */
function sentPositions(sent: string, normal: string): Map<string, { line: number; column: number }> {
  const sentTokens = tokens(sent);
  return new Map(tokens(normal).map((token, i) => [`${token.line}:${token.column}`, { line: sentTokens[i]!.line, column: sentTokens[i]!.column }]));
}

type Located = { locations?: Array<{ line: number; column: number }> };

/** Rewrites the locations of the errors Apollo sends (given in the normal text) to the sent text's. */
function locateErrorsInSentText(res: Response, sent: string, normal: string) {
  const send = res.send.bind(res);
  res.send = (body?: unknown) => {
    if (typeof body !== 'string' || !body.includes('"locations"')) return send(body);
    const response = JSON.parse(body) as { errors?: Located[] };
    const positions = sentPositions(sent, normal);
    for (const location of response.errors?.flatMap((error) => error.locations ?? []) ?? []) {
      Object.assign(location, positions.get(`${location.line}:${location.column}`));
    }
    return send(`${JSON.stringify(response)}${body.endsWith('\n') ? '\n' : ''}`);
  };
}
