// The body reader's "no" to one request: a body too large for its memory or time, a result too large
// to carry, or too many requests waiting. Transports answer it like bad input (a 400 over HTTP, an
// input error over IPC), with the sentence itself as the message, which the UI shows as it is.
import { ApiInputError } from '../../../shared/api.js';

export class BodyRefusal extends ApiInputError {
  constructor(op: string, path: string, message: string) {
    super(op, [{ path, message }]);
    this.message = message;
  }
}
