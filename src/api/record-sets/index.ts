/** api/record-sets: Route 53 record sets in and out; pure functions, no I/O. See README.md. */
export { FatalProblem } from './fatal-problem.ts';
export { parseR53Name, r53NameText, storedNameFromR53, r53NameFromStored, keyFromStored } from './r53-names.ts';
export { r53ValueToRdata, rdataToR53Value, r53ValueToHex, hexToR53Value } from './r53-values.ts';
export { parseChangeBatch } from './parse-change-batch.ts';
export type { Change, ChangeAction, R53RecordSet, R53Type } from './model.ts';
export { planChangeBatch, formatChangeBatchErrors, type PlanResult } from './plan-change-batch.ts';
export { recordSetXml, listRecordSets, type ListPage, type ListQuery } from './record-set-xml.ts';
export { bareZoneId, routingFromJson, routingToJson, policyOf, type Routing, type Policy } from './routing.ts';
export { r53SetFromRow } from './r53-from-row.ts';
