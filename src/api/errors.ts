/**
 * The catalogue of errors the Route 53 API answers with: each code with its HTTP status and
 * default message, after Route 53's own (../shared/reference/route53.md 1.5). One factory builds
 * them; the server renders every one as an <ErrorResponse>, the layout botocore parses.
 */

export const ERRORS = {
  // Request shape and arguments
  InvalidInput: { status: 400, message: 'The input is not valid.' },
  InvalidArgument: { status: 400, message: 'The argument is not valid.' },
  InvalidDomainName: { status: 400, message: 'The specified domain name is not valid.' },
  InvalidChangeBatch: { status: 400, message: 'The change batch is not valid.' },
  InvalidPaginationToken: { status: 400, message: 'The pagination token is not valid.' },
  // Missing things
  NoSuchHostedZone: { status: 404, message: 'No hosted zone found.' },
  NoSuchChange: { status: 404, message: 'No change found.' },
  NoSuchDelegationSet: { status: 400, message: 'No reusable delegation set found.' },
  NoSuchHealthCheck: { status: 404, message: 'No health check found.' },
  NoSuchGeoLocation: { status: 404, message: 'Amazon Route 53 doesn\'t support the specified geographic location.' },
  // Conflicts and state
  HostedZoneAlreadyExists: { status: 409, message: 'A hosted zone has already been created with the specified caller reference.' },
  HostedZoneNotEmpty: { status: 400, message: 'The specified hosted zone contains non-required resource record sets and so cannot be deleted.' },
  ConflictingDomainExists: { status: 400, message: 'The hosted zone conflicts with another hosted zone.' },
  DelegationSetNotAvailable: { status: 400, message: 'No delegation set with distinct name servers is available for this domain name.' },
  DelegationSetNotReusable: { status: 400, message: 'The delegation set is not reusable.' },
  DelegationSetAlreadyCreated: { status: 400, message: 'A delegation set has already been created with the specified caller reference.' },
  DelegationSetAlreadyReusable: { status: 400, message: 'The delegation set is already reusable.' },
  DelegationSetInUse: { status: 400, message: 'The delegation set is still in use by hosted zones.' },
  HostedZoneNotFound: { status: 400, message: 'The specified hosted zone does not exist.' },
  HostedZoneNotPrivate: { status: 400, message: 'The specified hosted zone is a public hosted zone, not a private hosted zone.' },
  PriorRequestNotComplete: { status: 400, message: 'The request was rejected because Route 53 was still processing a prior request.' },
  TooManyHostedZones: { status: 400, message: 'This operation can\'t be completed because you\'ve reached the quota for the number of hosted zones.' },
  LimitsExceeded: { status: 400, message: 'This operation can\'t be completed because you\'ve reached a quota.' },
  Throttling: { status: 400, message: 'Rate exceeded' },
  ConcurrentModification: { status: 400, message: 'Another user submitted a request to create, update, or delete the object at the same time that you did. Retry the request.' },
  // CIDR collections (these codes carry the Exception suffix in Route 53's XML)
  NoSuchCidrCollectionException: { status: 404, message: 'The CIDR collection you specified, doesn\'t exist.' },
  NoSuchCidrLocationException: { status: 404, message: 'The CIDR collection location doesn\'t match any locations in your account.' },
  CidrCollectionAlreadyExistsException: { status: 400, message: 'A CIDR collection with this name and a different caller reference already exists in this account.' },
  CidrCollectionInUseException: { status: 400, message: 'This CIDR collection is in use, and isn\'t empty.' },
  CidrBlockInUseException: { status: 400, message: 'This CIDR block is already in use.' },
  CidrCollectionVersionMismatchException: { status: 409, message: 'The CIDR collection version you provided, doesn\'t match the one in the ListCidrCollections operation.' },
  // Authentication (as AWS answers them)
  MissingAuthenticationToken: { status: 403, message: 'Missing Authentication Token' },
  IncompleteSignature: { status: 400, message: 'The request signature does not conform to AWS standards.' },
  InvalidClientTokenId: { status: 403, message: 'The security token included in the request is invalid.' },
  SignatureDoesNotMatch: { status: 403, message: 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.' },
  AccessDenied: { status: 403, message: 'Access denied.' },
  XAmzContentSHA256Mismatch: { status: 400, message: 'The provided \'x-amz-content-sha256\' header does not match what was computed.' },
  // HTTP level
  UnknownOperationException: { status: 404, message: 'The requested operation is not supported.' },
  MethodNotAllowed: { status: 405, message: 'The method is not allowed for this resource.' },
  RequestEntityTooLarge: { status: 413, message: 'The request body is too large.' },
  InternalFailure: { status: 500, message: 'The request processing has failed because of an unknown error.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;

/** An error the API answers with; thrown anywhere under api/ and rendered once by the server. */
export class ApiError extends Error {
  override name = 'ApiError';
  readonly code: ErrorCode;
  readonly status: number;
  readonly type: 'Sender' | 'Receiver';
  constructor(code: ErrorCode, message?: string) {
    super(message ?? ERRORS[code].message);
    this.code = code;
    this.status = ERRORS[code].status;
    this.type = ERRORS[code].status >= 500 ? 'Receiver' : 'Sender';
  }
}

/** Returns an ApiError for `code` with Route 53's message or `message`. */
export function apiError(code: ErrorCode, message?: string): ApiError {
  return new ApiError(code, message);
}
