/**
 * Review of the Route 53 API (src/api/): each test pins one bug found in review, with the
 * request, what Signpost answers, what Route 53 answers (shared/reference/route53.md or the
 * botocore model) and the line at fault. Everything runs in-process (createTestApi +
 * app.inject, the zone feed and a responder for the DNS consequence): no sockets, no timers.
 */
import { describe, expect, it } from 'vitest';
import type { Store } from '../src/store/index.ts';
import { startZoneFeed } from '../src/server/zone-feed.ts';
import { createResponder } from '../src/server/responder.ts';
import { caseQuery, wireSections } from './helpers/dns-case.ts';
import {
  api, changeXml, createSet, createZone, errorCode, NAMESPACE, onlyXmlChars, send, TEST_KEYS,
} from './review-api/helpers.ts';

describe('name servers of related zones (CreateHostedZone, allocateNameServers)', () => {
  // Route 53 (botocore ConflictingDomainExists; route53.md 1.5, 3.5): "Two hosted zones that have
  // the same name or that have a parent/child relationship can't have any common name servers.
  // You tried to create a hosted zone that has the same name as an existing hosted zone ... and
  // you specified a delegation set that shares one or more name servers with the existing hosted
  // zone" -> ConflictingDomainExists (400).
  // Here the reusable set gets pool set #0 (CreateReusableDelegationSet: `sets[count % sets.length]`),
  // the first example.com also gets pool set #0 (allocateNameServers only avoids sets of zones
  // that already have the name), and the check in createHostedZone compares delegation-set ids,
  // not name servers, so the second example.com is created with the same four name servers.
  // At fault: routes/hosted-zones.ts createHostedZone,
  //   `const sameName = (await ctx.store.findZonesByName(name)).filter((z) => z.delegationSetId === found.id);`
  it('a reusable set that shares name servers with a same-name zone is ConflictingDomainExists', async () => {
    const t = await api();
    const set = await createSet(t, 'set-1');
    const first = await createZone(t, 'example.com', 'zone-1');
    expect(first.nameServers).toEqual(set.nameServers); // the precondition: the same four servers
    const r = await send(t, 'POST', '/hostedzone', {
      body: `<CreateHostedZoneRequest xmlns="${NAMESPACE}"><Name>example.com</Name><CallerReference>zone-2</CallerReference><DelegationSetId>${set.id}</DelegationSetId></CreateHostedZoneRequest>`,
    });
    // Observed: 201, a second example.com. on ns-1..ns-4, the servers of the first.
    expect(r.status).toBe(400);
    expect(errorCode(r.body)).toBe('ConflictingDomainExists');
    await t.close();
  });

  // Same rule, parent and child on one reusable set: example.com and sub.example.com on the same
  // set share all four servers. Route 53: ConflictingDomainExists. Observed: 201.
  // At fault: the same line (only zones of exactly the same name are looked at).
  it('a reusable set already used by the parent zone is ConflictingDomainExists for a child zone', async () => {
    const t = await api();
    const set = await createSet(t, 'set-1');
    await createZone(t, 'example.com', 'parent', { setId: set.id });
    const r = await send(t, 'POST', '/hostedzone', {
      body: `<CreateHostedZoneRequest xmlns="${NAMESPACE}"><Name>sub.example.com</Name><CallerReference>child</CallerReference><DelegationSetId>${set.id}</DelegationSetId></CreateHostedZoneRequest>`,
    });
    expect(r.status).toBe(400);
    expect(errorCode(r.body)).toBe('ConflictingDomainExists');
    await t.close();
  });

  // route53.md 3.5: "Parent/child public zones must not share any name server". Without a
  // DelegationSetId Route 53 picks the servers itself and never gives a child zone its parent's.
  // Here example.com (account A) and sub.example.com (account B) both get ns-1..ns-4 although
  // ns-5..ns-8 are free.
  // At fault: routes/delegation-sets.ts allocateNameServers,
  //   `for (const z of await ctx.store.findZonesByName(name))` (parents and children are not looked at).
  it('a child zone gets name servers distinct from its parent zone', async () => {
    const t = await api();
    const parent = await createZone(t, 'example.com', 'parent');
    const child = await createZone(t, 'sub.example.com', 'child');
    expect(child.nameServers.filter((ns) => parent.nameServers.includes(ns))).toEqual([]);
    await t.close();
  });

  // The security consequence of the test above. Every DNS node serves every zone on every
  // address (zone-feed.ts buildCatalog; the responder picks the longest matching apex), so any
  // account can take over a subtree of another account's zone by creating a child zone: nobody
  // delegated sub.example.com to account B, yet B's record replaces A's.
  // Route 53: B's sub.example.com lives on other name servers, so A's name servers (the ones the
  // registrar delegates example.com to) keep answering www.sub.example.com from A's zone.
  // Observed: "www.sub.example.com. 300 IN A 203.0.113.66" (account B's record).
  // At fault: the API lets the child zone onto the parent's servers (allocateNameServers above)
  // and the DNS side has no notion of which zones a name-server set serves.
  it('another account cannot take over names below a zone by creating a child zone', async () => {
    const t = await api();
    const a = await createZone(t, 'example.com', 'a-zone');
    expect((await send(t, 'POST', `/hostedzone/${a.id}/rrset/`, { body: changeXml([['CREATE', 'www.sub.example.com', 'A', 300, ['192.0.2.1']]]) })).status).toBe(200);
    // Every zone here is served by the same servers, so the nested zone of another account is
    // refused (ConflictingDomainExists) rather than allowed to shadow account A's names.
    const refused = await send(t, 'POST', '/hostedzone', {
      key: TEST_KEYS.b,
      body: `<CreateHostedZoneRequest xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><Name>sub.example.com</Name><CallerReference>b-zone</CallerReference></CreateHostedZoneRequest>`,
    });
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('<Code>ConflictingDomainExists</Code>');
    const responder = createResponder();
    const feed = startZoneFeed(t.store, { pollMs: 3_600_000, onCatalog: (c) => responder.setCatalog(c), onError: () => {} });
    await feed.refresh();
    feed.stop();
    const answer = wireSections(responder.respond(caseQuery({ name: 'takeover', qname: 'www.sub.example.com.', qtype: 'A', noEdns: true }), false)!);
    expect(answer.answer).toEqual(['www.sub.example.com. 300 IN A 192.0.2.1']);
    await t.close();
  });
});

describe('XML in and out (xml.ts, server.ts errorXml)', () => {
  // A raw U+0001 (or U+FFFE) in a request body is not XML (XML 1.0 section 2.2, Char), so Route 53's
  // parser refuses the request (InvalidInput). Signpost refuses it written as &#1; (xml.ts
  // decodeCharacterReferences) but not raw: fast-xml-parser's XMLValidator does not check
  // characters. The comment is stored and written back raw in every later GetHostedZone /
  // ListHostedZones / ListHostedZonesByName, which botocore (expat) then cannot parse ("not
  // well-formed (invalid token)"): the AWS CLI can no longer list the account's zones.
  // Observed: 200 and <Comment>x\u0001y</Comment>.
  // At fault: xml.ts parseRequest (no check of raw characters before or after XMLValidator.validate).
  it('a raw character XML forbids in a body is InvalidInput, not stored and echoed', async () => {
    const t = await api();
    const z = await createZone(t, 'example.com', 'zone-1');
    const r = await send(t, 'POST', `/hostedzone/${z.id}`, {
      body: `<UpdateHostedZoneCommentRequest xmlns="${NAMESPACE}"><Comment>x\u0001y</Comment></UpdateHostedZoneCommentRequest>`,
    });
    expect(r.status).toBe(400);
    expect(errorCode(r.body)).toBe('InvalidInput');
    const listed = await send(t, 'GET', '/hostedzone');
    expect(onlyXmlChars(listed.body)).toBe(true);
    await t.close();
  });

  // Error messages echo request text (here the decoded path parameter, via bareId's
  // `${prefix} id "${id}" is not valid`) and errorXml escapes only & < >, so a %01 in the path
  // puts a raw U+0001 into the <ErrorResponse>; botocore cannot parse it and the CLI reports a
  // parse failure instead of InvalidInput.
  // At fault: server.ts escapeXml/errorXml (characters XML forbids are written as they are).
  it('an error response stays well-formed XML when its message echoes a control character', async () => {
    const t = await api();
    const r = await send(t, 'GET', '/hostedzone/Z%01');
    expect(r.status).toBe(404); // any spelling of an id that names nothing is NoSuchHostedZone (issue 9)
    expect(onlyXmlChars(r.body)).toBe(true);
    await t.close();
  });
});

describe('error codes (botocore model)', () => {
  // botocore GetHostedZoneLimit errors: NoSuchHostedZone, InvalidInput, HostedZoneNotPrivate;
  // HostedZoneNotPrivate = "The specified hosted zone is a public hosted zone, not a private
  // hosted zone." (route53.md 1.5: "VPC limit asked for a public zone"). The SDKs map it to
  // their HostedZoneNotPrivate exception class.
  // Observed: 400 InvalidInput "The hosted zone Z... is not a private hosted zone" (the code is
  // not in errors.ts at all; src/api/testdata/GetHostedZoneLimit/vpcs-of-public-zone pins it).
  // At fault: routes/limits.ts getHostedZoneLimit,
  //   `if (type === 'MAX_VPCS_ASSOCIATED_BY_ZONE') throw apiError('InvalidInput', ...)`.
  it('GetHostedZoneLimit MAX_VPCS_ASSOCIATED_BY_ZONE of a public zone is HostedZoneNotPrivate', async () => {
    const t = await api();
    const z = await createZone(t, 'example.com', 'zone-1');
    const r = await send(t, 'GET', `/hostedzonelimit/${z.id}/MAX_VPCS_ASSOCIATED_BY_ZONE`);
    expect(r.status).toBe(400);
    expect(errorCode(r.body)).toBe('HostedZoneNotPrivate');
    await t.close();
  });
});

describe('concurrent writers (DeleteHostedZone)', () => {
  // DeleteHostedZone checks emptiness on one read (getRecordSets) and deletes in a later,
  // separate transaction that deletes whatever the zone holds by then (store deleteZone takes
  // no expected version). ChangeResourceRecordSets guards against exactly this window with
  // applyChange(..., zone.version) and VersionConflict; DeleteHostedZone does not. The store is
  // asynchronous by contract, the CLI writes the same file (zone import), and PostgreSQL is next,
  // so the window is real; here a store whose reads return before a concurrent request commits
  // opens it deterministically: the CREATE of www is acknowledged (200, a change id to poll),
  // then the DELETE that had read "SOA and NS only" removes the zone with www in it.
  // Route 53 (route53.md 1.5 HostedZoneNotEmpty): a zone holding records other than the apex
  // SOA and NS is never deleted. Expected: the DELETE fails (HostedZoneNotEmpty, or
  // PriorRequestNotComplete) and the zone with www survives. Observed: 200 and the zone is gone.
  // At fault: routes/hosted-zones.ts deleteHostedZone (check, then `ctx.store.deleteZone(zone.id)`
  // without a version), store deleteZone (no re-check inside its transaction).
  it('a record created while DeleteHostedZone runs is not deleted with the zone', async () => {
    let during: (() => Promise<void>) | undefined;
    const wrapStore = (s: Store): Store => new Proxy(s, {
      get(target, p) {
        if (p !== 'getRecordSets') return Reflect.get(target, p);
        return async (zoneId: string) => {
          const rows = await target.getRecordSets(zoneId);
          const hook = during;
          during = undefined;
          if (hook) await hook(); // another writer commits after this read returned
          return rows;
        };
      },
    });
    const t = await api({ wrapStore });
    const z = await createZone(t, 'example.com', 'zone-1');
    let created = 0;
    during = async () => {
      created = (await send(t, 'POST', `/hostedzone/${z.id}/rrset/`, { body: changeXml([['CREATE', 'www.example.com', 'A', 300, ['192.0.2.1']]]) })).status;
    };
    const deleted = await send(t, 'DELETE', `/hostedzone/${z.id}`);
    expect(created).toBe(200);
    expect(deleted.status).toBe(400);
    expect((await send(t, 'GET', `/hostedzone/${z.id}`)).status).toBe(200);
    await t.close();
  });
});
