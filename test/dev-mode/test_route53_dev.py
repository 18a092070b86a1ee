"""
Signpost as the local Route 53 of a test pipeline: many small boto3 tests against one
`signpost start --dev` server, with a reset between tests (POST /moto-api/reset, as moto's
decorators call it), each test reusing the same caller references. Every test that writes
records also asks the DNS server (dig), which is what moto and LocalStack cannot do.

Run by test/dev-mode.test.ts with SIGNPOST_ENDPOINT and SIGNPOST_DNS_PORT set:
    /usr/bin/python3 -m unittest -v test_route53_dev
"""
import json
import os
import subprocess
import time
import unittest
import urllib.request

import boto3
import botocore.exceptions

ENDPOINT = os.environ["SIGNPOST_ENDPOINT"]
DNS_PORT = os.environ["SIGNPOST_DNS_PORT"]


def client(key="testing"):
    return boto3.client(
        "route53", endpoint_url=ENDPOINT, region_name="us-east-1",
        aws_access_key_id=key, aws_secret_access_key="anything-goes",
    )


def dig(name, rtype="A"):
    """Returns (rcode, answer lines) of dig against Signpost's DNS listener."""
    out = subprocess.run(
        ["dig", "@127.0.0.1", "-p", DNS_PORT, "+noall", "+comments", "+answer", "+tries=1", "+time=2", name, rtype],
        capture_output=True, text=True, check=True).stdout
    rcode = out.split("status: ", 1)[1].split(",", 1)[0]
    answer = [" ".join(l.split()) for l in out.splitlines() if l and not l.startswith(";")]
    return rcode, answer


def reset(path="/moto-api/reset"):
    with urllib.request.urlopen(urllib.request.Request(ENDPOINT + path, method="POST")) as r:
        assert r.status == 200, r.status
        return json.load(r)


def wait(r53, change_id):
    r53.get_waiter("resource_record_sets_changed").wait(Id=change_id, WaiterConfig={"Delay": 1, "MaxAttempts": 30})


class DevModeTest(unittest.TestCase):
    def setUp(self):
        reset()
        self.r53 = client()

    def zone(self, name="example.com", ref="ref-1"):
        z = self.r53.create_hosted_zone(Name=name, CallerReference=ref)
        return z["HostedZone"]["Id"]

    def change(self, zone_id, *changes):
        r = self.r53.change_resource_record_sets(HostedZoneId=zone_id, ChangeBatch={"Changes": list(changes)})
        wait(self.r53, r["ChangeInfo"]["Id"])
        return r

    @staticmethod
    def upsert(name, rtype, values, ttl=60, **extra):
        rrs = {"Name": name, "Type": rtype, "TTL": ttl, "ResourceRecords": [{"Value": v} for v in values], **extra}
        return {"Action": "UPSERT", "ResourceRecordSet": rrs}

    def test_starts_empty(self):
        self.assertEqual(self.r53.list_hosted_zones()["HostedZones"], [])
        self.assertEqual(self.r53.get_hosted_zone_count()["HostedZoneCount"], 0)

    def test_same_caller_reference_in_every_test_a(self):
        self.zone(ref="ref-1")
        with self.assertRaises(botocore.exceptions.ClientError) as e:
            self.zone(name="example.org", ref="ref-1")
        self.assertEqual(e.exception.response["Error"]["Code"], "HostedZoneAlreadyExists")

    def test_same_caller_reference_in_every_test_b(self):
        self.zone(ref="ref-1")
        self.assertEqual(len(self.r53.list_hosted_zones()["HostedZones"]), 1)

    def test_records_are_answered_by_dns(self):
        zid = self.zone()
        self.change(zid, self.upsert("www.example.com", "A", ["192.0.2.10"]))
        self.assertEqual(dig("www.example.com"), ("NOERROR", ["www.example.com. 60 IN A 192.0.2.10"]))

    def test_values_come_back_as_submitted(self):
        zid = self.zone()
        self.change(zid, self.upsert("mail.example.com", "MX", ["10 mx.example.com"]),
                    self.upsert("alias.example.com", "CNAME", ["www.example.com"]))
        listed = self.r53.list_resource_record_sets(HostedZoneId=zid, StartRecordName="alias.example.com", StartRecordType="CNAME", MaxItems="1")
        self.assertEqual(listed["ResourceRecordSets"][0]["ResourceRecords"], [{"Value": "www.example.com"}])
        self.assertEqual(dig("mail.example.com", "MX")[1], ["mail.example.com. 60 IN MX 10 mx.example.com."])

    def test_weighted_sets(self):
        zid = self.zone()
        self.change(zid,
                    self.upsert("w.example.com", "A", ["192.0.2.1"], SetIdentifier="blue", Weight=1),
                    self.upsert("w.example.com", "A", ["192.0.2.2"], SetIdentifier="green", Weight=0))
        sets = self.r53.list_resource_record_sets(HostedZoneId=zid)["ResourceRecordSets"]
        self.assertEqual([s.get("SetIdentifier") for s in sets if s["Name"] == "w.example.com."], ["blue", "green"])
        rcode, answer = dig("w.example.com")
        self.assertEqual(rcode, "NOERROR")
        self.assertTrue(answer)

    def test_a_deleted_zone_is_no_longer_answered(self):
        zid = self.zone()
        self.assertEqual(dig("example.com", "SOA")[0], "NOERROR")
        deleted = self.r53.delete_hosted_zone(Id=zid)
        # The change is INSYNC once DNS no longer serves the zone.
        wait(self.r53, deleted["ChangeInfo"]["Id"])
        self.assertEqual(dig("example.com", "SOA")[0], "REFUSED")

    def test_reset_empties_dns_before_it_answers(self):
        zid = self.zone()
        self.change(zid, self.upsert("www.example.com", "A", ["192.0.2.10"]))
        self.assertEqual(reset("/signpost/reset"), {"status": "ok"})
        self.assertEqual(dig("www.example.com")[0], "REFUSED")

    def test_twelve_digit_key_is_its_own_account(self):
        self.zone()
        other = client("210987654321")
        self.assertEqual(other.list_hosted_zones()["HostedZones"], [])
        with self.assertRaises(botocore.exceptions.ClientError) as e:
            other.get_hosted_zone(Id=self.r53.list_hosted_zones()["HostedZones"][0]["Id"])
        self.assertEqual(e.exception.response["Error"]["Code"], "NoSuchHostedZone")

    def test_unknown_ids_are_no_such(self):
        for call, code in [
            (lambda: self.r53.get_hosted_zone(Id="unknown"), "NoSuchHostedZone"),
            (lambda: self.r53.get_change(Id="unknown"), "NoSuchChange"),
            (lambda: self.r53.get_reusable_delegation_set(Id="unknown"), "NoSuchDelegationSet"),
            (lambda: self.r53.create_hosted_zone(Name="example.net", CallerReference="x", DelegationSetId="unknown"), "NoSuchDelegationSet"),
        ]:
            with self.assertRaises(botocore.exceptions.ClientError) as e:
                call()
            self.assertEqual(e.exception.response["Error"]["Code"], code)
        with self.assertRaises(botocore.exceptions.ClientError) as e:
            self.r53.get_hosted_zone(Id="Z" * 33)
        self.assertEqual(e.exception.response["Error"]["Code"], "InvalidInput")
        self.assertIn("1 validation error detected", e.exception.response["Error"]["Message"])

    def test_operation_not_offered_is_named(self):
        with self.assertRaises(botocore.exceptions.ClientError) as e:
            self.r53.list_traffic_policies()
        self.assertEqual(e.exception.response["ResponseMetadata"]["HTTPStatusCode"], 501)
        self.assertIn("ListTrafficPolicies", e.exception.response["Error"]["Message"])

    def test_single_label_zone(self):
        zid = self.zone(name="lab")
        self.change(zid, self.upsert("printer.lab", "A", ["192.0.2.7"]))
        self.assertEqual(dig("printer.lab"), ("NOERROR", ["printer.lab. 60 IN A 192.0.2.7"]))

    def test_paginator(self):
        for i in range(5):
            self.zone(name=f"z{i}.example.com", ref=f"ref-{i}")
        pages = list(self.r53.get_paginator("list_hosted_zones").paginate(PaginationConfig={"PageSize": 2}))
        self.assertEqual(len(pages), 3)
        self.assertNotIn("Marker", pages[0])
        self.assertEqual(sum(len(p["HostedZones"]) for p in pages), 5)

    def test_tags(self):
        zid = self.zone().split("/")[-1]
        self.r53.change_tags_for_resource(ResourceType="hostedzone", ResourceId=zid, AddTags=[{"Key": "team", "Value": "dns"}])
        tags = self.r53.list_tags_for_resource(ResourceType="hostedzone", ResourceId=zid)["ResourceTagSet"]["Tags"]
        self.assertEqual(tags, [{"Key": "team", "Value": "dns"}])

    def test_failover_follows_health_after_a_reset(self):
        # Every test here runs after a reset; a reset once stopped health changes from
        # reaching the DNS server, so the primary was answered forever.
        check = self.r53.create_health_check(CallerReference="hc-1", HealthCheckConfig={
            "Type": "CALCULATED", "ChildHealthChecks": [], "HealthThreshold": 1})["HealthCheck"]["Id"]
        zid = self.zone()
        self.change(zid,
                    self.upsert("app.example.com", "A", ["192.0.2.1"], SetIdentifier="primary", Failover="PRIMARY", HealthCheckId=check),
                    self.upsert("app.example.com", "A", ["192.0.2.2"], SetIdentifier="secondary", Failover="SECONDARY"))
        for _ in range(50):
            if dig("app.example.com") == ("NOERROR", ["app.example.com. 60 IN A 192.0.2.2"]):
                break
            time.sleep(0.2)
        self.assertEqual(dig("app.example.com"), ("NOERROR", ["app.example.com. 60 IN A 192.0.2.2"]))

    def test_vpcs_through_ec2_with_any_key(self):
        ec2 = boto3.client("ec2", endpoint_url=ENDPOINT, region_name="eu-west-1",
                           aws_access_key_id="testing", aws_secret_access_key="anything-goes")
        vpc = ec2.create_vpc(CidrBlock="10.1.0.0/16")["Vpc"]["VpcId"]
        z = self.r53.create_hosted_zone(Name="corp.internal", CallerReference="ref-1",
                                        VPC={"VPCRegion": "eu-west-1", "VPCId": vpc})
        self.assertTrue(z["HostedZone"]["Config"]["PrivateZone"])
        found = self.r53.list_hosted_zones_by_vpc(VPCId=vpc, VPCRegion="eu-west-1")["HostedZoneSummaries"]
        self.assertEqual([h["Name"] for h in found], ["corp.internal."])

    def test_other_services_are_named_as_not_offered(self):
        domains = boto3.client("route53domains", endpoint_url=ENDPOINT, region_name="us-east-1",
                               aws_access_key_id="testing", aws_secret_access_key="anything-goes")
        with self.assertRaises(botocore.exceptions.ClientError) as e:
            domains.list_domains()
        self.assertEqual(e.exception.response["Error"]["Code"], "NotImplemented")
        self.assertIn("ListDomains", e.exception.response["Error"]["Message"])


if __name__ == "__main__":
    unittest.main()
