import { z } from 'zod';
import type { ChatMessage } from './prompt.js';

export interface ChatCompletionsOptions {
  /** Up to and including the version segment, e.g. http://localhost:11434/v1. */
  baseUrl: string;
  model: string;
  apiKey?: string;
  maxTokens: number;
  /** Injected in tests; the global fetch otherwise. */
  fetch?: typeof fetch;
}

/** The part of an OpenAI-style chat completion we read; anything else in it is ignored. */
const Completion = z.object({
  choices: z.array(z.object({ message: z.object({ content: z.string().nullable().optional() }) })).min(1),
  // What the call cost, when the server says (most do); a malformed one is ignored, not an error.
  usage: z.object({ total_tokens: z.number().int().nonnegative() }).optional().catch(undefined),
});

/** A completion's text and, when the server reported it, the tokens it used (prompt + reply). */
export interface CompletionResult {
  text: string;
  totalTokens?: number;
}

/** The server answered, but not with a completion. */
export class ChatCompletionsError extends Error {
  override readonly name = 'ChatCompletionsError';

  constructor(
    message: string,
    readonly status?: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/**
 * `POST {baseUrl}/chat/completions`, the OpenAI API that Ollama, LM Studio,
 * llama.cpp, vLLM and hosted services all speak. No streaming, no retries:
 * an NPC reply is worth one short attempt, and the caller has a fallback.
 */
export class ChatCompletionsClient {
  private readonly fetch: typeof fetch;
  private readonly url: string;

  constructor(private readonly options: ChatCompletionsOptions) {
    this.fetch = options.fetch ?? globalThis.fetch;
    this.url = `${options.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  }

  /** The first choice's text; rejects on an HTTP error, a malformed body, or when `signal` aborts (a timeout). */
  async complete(messages: readonly ChatMessage[], signal: AbortSignal): Promise<string> {
    return (await this.completeWithUsage(messages, signal)).text;
  }

  /** As `complete`, with the token usage the server reported. */
  async completeWithUsage(messages: readonly ChatMessage[], signal: AbortSignal): Promise<CompletionResult> {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (this.options.apiKey) headers.authorization = `Bearer ${this.options.apiKey}`;
    let response: Response;
    try {
      response = await this.fetch(this.url, {
        method: 'POST',
        headers,
        body: JSON.stringify({ model: this.options.model, messages, max_tokens: this.options.maxTokens, stream: false }),
        signal,
      });
    } catch (error) {
      throw new ChatCompletionsError(`could not reach ${this.url}`, undefined, { cause: error });
    }
    if (!response.ok) {
      const detail = (await response.text().catch(() => '')).slice(0, 200);
      throw new ChatCompletionsError(`${this.url} answered ${response.status}${detail ? `: ${detail}` : ''}`, response.status);
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch (error) {
      throw new ChatCompletionsError(`${this.url} answered with something that is not JSON`, response.status, { cause: error });
    }
    const parsed = Completion.safeParse(body);
    if (!parsed.success) throw new ChatCompletionsError(`${this.url} answered without a chat completion`, response.status, { cause: parsed.error });
    const totalTokens = parsed.data.usage?.total_tokens;
    return { text: parsed.data.choices[0]!.message.content ?? '', ...(totalTokens !== undefined ? { totalTokens } : {}) };
  }
}
