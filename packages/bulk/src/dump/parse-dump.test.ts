import { describe, expect, it } from 'vitest';
import { parseDump } from './parse-dump.js';

describe('parseDump', () => {
  it('reads status, line, messages and the original cells (the documented example)', () => {
    const dump =
      '"_Status_","Column 1","Parent","Code","Start Date","_Line_","_Error_1_"\n' +
      '"W","Max Warren",",,","","4/16/12","151","Invalid parent"\n' +
      '"E","","Parent","Code","Start Date","11522","Invalid name: Code"\n';
    expect(parseDump(dump)).toEqual([
      {
        line: 151,
        status: 'warning',
        messages: ['Invalid parent'],
        row: { 'Column 1': 'Max Warren', Parent: ',,', Code: '', 'Start Date': '4/16/12' },
      },
      {
        line: 11522,
        status: 'error',
        messages: ['Invalid name: Code'],
        row: { 'Column 1': '', Parent: 'Parent', Code: 'Code', 'Start Date': 'Start Date' },
      },
    ]);
  });

  it('orders several error columns by number and drops empty ones', () => {
    const dump =
      '_Status_,Email,_Line_,_Error_2_,_Error_10_,_Error_1_\nE,x,7,second,tenth,first\nE,y,,,,only\n';
    const failures = parseDump(new TextEncoder().encode(dump));
    expect(failures[0]?.messages).toEqual(['first', 'second', 'tenth']);
    expect(failures[1]).toMatchObject({ line: undefined, messages: ['only'], row: { Email: 'y' } });
  });
});
