/** EC2-shaped identifiers: vpc-… and vpc-cidr-assoc-…, 17 lower-case hex digits like AWS's. */
import { randomBytes } from 'node:crypto';

function hex17(): string {
  return randomBytes(9).toString('hex').slice(0, 17);
}

/** Returns a new VPC id (vpc- + 17 hex digits). */
export function newVpcId(): string {
  return `vpc-${hex17()}`;
}

/** Returns a new CIDR block association id (vpc-cidr-assoc- + 17 hex digits). */
export function newCidrAssociationId(): string {
  return `vpc-cidr-assoc-${hex17()}`;
}

/** True for a well-formed VPC id (AWS's old 8-digit ids included). */
export function isVpcId(id: string): boolean {
  return /^vpc-([0-9a-f]{8}|[0-9a-f]{17})$/.test(id);
}
