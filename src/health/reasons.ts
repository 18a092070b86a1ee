/**
 * Status texts as Route 53 words them in HealthCheckObservation.StatusReport.Status (route53.md
 * 1.3, the API reference's example, and the troubleshooting guide's wording): free text that
 * starts with "Success: " or "Failure: " and names the resolved IP.
 */
import { STATUS_CODES } from 'node:http';

/** The first bytes of the body a string match searches (Route 53: 5,120). */
export const SEARCH_BYTES = 5120;

export const reasons = {
  httpSuccess: (code: number, ip: string) => `Success: HTTP Status Code: ${code}. Resolved IP: ${ip}. ${STATUS_CODES[code] ?? 'OK'}`,
  httpStatus: (code: number, ip: string) => `Failure: HTTP Status Code: ${code}. Resolved IP: ${ip}. ${STATUS_CODES[code] ?? 'Unknown status'}`,
  tcpSuccess: (ip: string) => `Success: TCP connection established. Resolved IP: ${ip}`,
  connectTimeout: (ip: string) => `Failure: Resolved IP: ${ip}. The health checker could not establish a connection within the timeout limit.`,
  refused: (ip: string) => `Failure: Resolved IP: ${ip}. Connection refused.`,
  responseTimeout: (ip: string) => `Failure: Resolved IP: ${ip}. The endpoint did not respond with an HTTP status code within the timeout limit.`,
  bodyTimeout: (code: number, ip: string) => `Failure: HTTP Status Code: ${code}. Resolved IP: ${ip}. The response body did not arrive within the timeout limit.`,
  stringNotFound: (code: number, ip: string) => `Failure: HTTP Status Code: ${code}. Resolved IP: ${ip}. The search string was not found in the first ${SEARCH_BYTES} bytes of the response body.`,
  tls: (ip: string, detail: string) => `Failure: Resolved IP: ${ip}. SSL handshake failed: ${detail}`,
  dns: (name: string) => `Failure: DNS resolution failed: no A record for ${name}`,
  other: (ip: string, detail: string) => `Failure: Resolved IP: ${ip}. ${detail}`,
} as const;
