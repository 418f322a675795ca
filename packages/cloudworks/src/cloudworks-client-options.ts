import type { ClientOptions } from '@anaplan-access/core';

/**
 * Options of {@link CloudWorksClient}: core's {@link ClientOptions}, where `baseUrl` is the CloudWorks API's
 * (e.g. `https://api.cloudworks.anaplan.com/2/0`, or a simulator's `cloudWorksUrl`); without it the `region` picks
 * it (see {@link cloudWorksBaseUrl}). Unknown keys are refused.
 *
 * @example
 * ```ts
 * new CloudWorksClient({ auth: certificateAuth({ certificate, privateKey }), region: 'eu3' });
 * ```
 */
export interface CloudWorksClientOptions extends ClientOptions {}
