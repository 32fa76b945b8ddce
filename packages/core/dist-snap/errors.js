/**
 * The one error type Jiance throws for a user's mistake (bad file, missing column…).
 * `code` is stable (tests and callers branch on it); `message` is the English text and
 * `zh` the Chinese text, both from the message catalogue (messages.ts).
 */
export class JianceError extends Error {
    code;
    zh;
    details;
    constructor(message, options) {
        super(message.en, options);
        this.name = 'JianceError';
        this.code = message.code;
        this.zh = message.zh;
        this.details = message.details ?? {};
    }
    /** The message in the requested language. */
    text(lang = 'zh') {
        return lang === 'zh' ? this.zh : this.message;
    }
}
/** True when `error` is a JianceError (works across bundle copies, by name and code). */
export function isJianceError(error) {
    return error instanceof JianceError || (error instanceof Error && error.name === 'JianceError' && 'code' in error);
}
//# sourceMappingURL=errors.js.map