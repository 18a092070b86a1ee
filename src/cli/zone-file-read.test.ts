import { describe, expect, it } from 'vitest';
import { elementLines } from './zone-file-read.ts';

describe('elementLines: where each record set of a JSON file starts', () => {
  it('finds the elements of {"ResourceRecordSets": [...]} and of a bare array', () => {
    const doc = '{\n "ResourceRecordSets": [\n  {"Name": "a."},\n\n  {"Name": "b.",\n   "X": [1, {"y": 2}]}, "oops"\n ],\n "MaxItems": "100"\n}';
    expect(elementLines(doc, 2)).toEqual([3, 5, 6]);
    expect(elementLines('[\n{"a": 1},\n{"b": [2, 3]}\n]', 1)).toEqual([2, 3]);
    expect(elementLines('[]', 1)).toEqual([]);
  });

  it('is not misled by brackets, commas and escaped quotes inside strings', () => {
    const doc = '[\n{"Value": "\\"a, [b]\\" {c}"},\n{"Value": "\\\\"}\n]';
    expect(JSON.parse(doc)).toHaveLength(2);
    expect(elementLines(doc, 1)).toEqual([2, 3]);
  });
});
