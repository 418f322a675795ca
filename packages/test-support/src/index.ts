// Test helpers shared by the unit tests of the packages and the tests under test/. Private: a devDependency only,
// never imported by shipped code (test/house-rules checks both).
export {
  type HttpTestServer,
  type RecordedRequest,
  type Responder,
  type ScriptedResponse,
  startHttpTestServer,
} from './http-test-server.js';
export { htmlEscape, htmlReferences, jsonUnicodeEscape, secretForms } from './secret-forms.js';
