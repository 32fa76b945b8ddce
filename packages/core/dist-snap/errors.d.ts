import type { Message } from './messages.js';
/**
 * The one error type Jiance throws for a user's mistake (bad file, missing column…).
 * `code` is stable (tests and callers branch on it); `message` is the English text and
 * `zh` the Chinese text, both from the message catalogue (messages.ts).
 */
export declare class JianceError extends Error {
    readonly code: string;
    readonly zh: string;
    readonly details: Record<string, unknown>;
    constructor(message: Message, options?: {
        cause?: unknown;
    });
    /** The message in the requested language. */
    text(lang?: 'zh' | 'en'): string;
}
/** True when `error` is a JianceError (works across bundle copies, by name and code). */
export declare function isJianceError(error: unknown): error is JianceError;
//# sourceMappingURL=errors.d.ts.map