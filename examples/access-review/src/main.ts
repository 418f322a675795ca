import { runAccessReview } from './access-review.ts';

// Writes the access review (HTML, CSV, Markdown, JSON) and today's access as an access file; exit 1 on an error.
process.exitCode = (await runAccessReview()).exitCode;
