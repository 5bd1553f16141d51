import { LicoError } from '@lico/core';

/**
 * A restricted unpickler for PyTorch checkpoints: it understands the opcodes `torch.save`
 * writes (protocols 2 to 4) and builds plain values. It never imports or calls anything:
 * a `GLOBAL` becomes a {@link PickleGlobal} marker, and calling it (`REDUCE`, `NEWOBJ`) a
 * {@link PickleCall} record that the checkpoint reader interprets for the few torch
 * functions that rebuild tensors. Everything else in a checkpoint (optimizer state, argparse
 * namespaces) stays inert data.
 */

/** A `module.name` the pickle refers to. */
export class PickleGlobal {
  constructor(
    readonly module: string,
    readonly name: string,
  ) {}
  get qualifiedName(): string {
    return `${this.module}.${this.name}`;
  }
}

/**
 * `callee(...args)` as the pickle describes it, not executed: `items` are what SETITEMS
 * added (an OrderedDict's entries), `state` what BUILD set (its attributes).
 */
export class PickleCall {
  readonly items: PickleDict = new Map();
  state: unknown;
  constructor(
    readonly callee: unknown,
    readonly args: unknown[],
  ) {}
}

/** A persistent id (`BINPERSID`): in torch checkpoints, a reference to a storage record. */
export class PicklePersistentId {
  constructor(readonly id: unknown) {}
}

/** A Python dict with keys of any type, in insertion order. */
export type PickleDict = Map<unknown, unknown>;

const invalid = (message: string) => new LicoError('LICO_WEIGHTS_INVALID', `checkpoint pickle: ${message}`);
const MARK = Symbol('mark');

export function unpickle(bytes: Uint8Array): unknown {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const stack: unknown[] = [];
  const memo = new Map<number, unknown>();
  let at = 0;
  const need = (n: number) => {
    if (at + n > bytes.length) throw invalid(`truncated at byte ${at}`);
  };
  const take = (n: number) => {
    need(n);
    at += n;
    return at - n;
  };
  const u8 = () => bytes[take(1)];
  const u16 = () => view.getUint16(take(2), true);
  const u32 = () => view.getUint32(take(4), true);
  const i32 = () => view.getInt32(take(4), true);
  const raw = (n: number) => bytes.subarray(take(n), at);
  const text = (n: number) => new TextDecoder().decode(raw(n));
  const line = () => {
    const end = bytes.indexOf(0x0a, at);
    if (end < 0) throw invalid('unterminated line');
    const value = new TextDecoder().decode(bytes.subarray(at, end));
    at = end + 1;
    return value;
  };
  const pop = () => {
    if (stack.length === 0) throw invalid(`stack underflow at byte ${at}`);
    return stack.pop();
  };
  const popMark = () => {
    const index = stack.lastIndexOf(MARK);
    if (index < 0) throw invalid(`no mark at byte ${at}`);
    const items = stack.splice(index);
    items.shift();
    return items;
  };
  const top = () => stack[stack.length - 1];
  const setItems = (dict: unknown, items: unknown[]) => {
    for (let i = 0; i + 1 < items.length; i += 2) {
      if (dict instanceof Map) dict.set(items[i], items[i + 1]);
      else if (dict instanceof PickleCall) dict.items.set(items[i], items[i + 1]);
      else throw invalid('SETITEM on a non-dict');
    }
  };
  const appendItems = (list: unknown, items: unknown[]) => {
    if (Array.isArray(list)) list.push(...items);
    else if (!(list instanceof PickleCall)) throw invalid('APPEND on a non-list');
  };
  for (;;) {
    const opcode = u8();
    switch (opcode) {
      case 0x80: // PROTO
        u8();
        break;
      case 0x95: // FRAME
        take(8);
        break;
      case 0x2e: // STOP
        return pop();
      case 0x28: // MARK
        stack.push(MARK);
        break;
      case 0x7d: // EMPTY_DICT
        stack.push(new Map());
        break;
      case 0x5d: // EMPTY_LIST
        stack.push([]);
        break;
      case 0x29: // EMPTY_TUPLE
        stack.push([]);
        break;
      case 0x8f: // EMPTY_SET
        stack.push([]);
        break;
      case 0x4e: // NONE
        stack.push(null);
        break;
      case 0x88: // NEWTRUE
        stack.push(true);
        break;
      case 0x89: // NEWFALSE
        stack.push(false);
        break;
      case 0x4a: // BININT
        stack.push(i32());
        break;
      case 0x4b: // BININT1
        stack.push(u8());
        break;
      case 0x4d: // BININT2
        stack.push(u16());
        break;
      case 0x8a: {
        // LONG1: little-endian two's complement of n bytes
        const n = u8();
        const digits = raw(n);
        let value = 0n;
        for (let i = n - 1; i >= 0; i--) value = (value << 8n) | BigInt(digits[i]);
        if (n > 0 && digits[n - 1] & 0x80) value -= 1n << BigInt(8 * n);
        stack.push(Number(value));
        break;
      }
      case 0x47: // BINFLOAT (big-endian double)
        stack.push(view.getFloat64(take(8), false));
        break;
      case 0x58: // BINUNICODE
        stack.push(text(u32()));
        break;
      case 0x8c: // SHORT_BINUNICODE
        stack.push(text(u8()));
        break;
      case 0x8d: {
        // BINUNICODE8
        stack.push(text(Number(view.getBigUint64(take(8), true))));
        break;
      }
      case 0x54: // BINSTRING
        stack.push(text(i32()));
        break;
      case 0x55: // SHORT_BINSTRING
        stack.push(text(u8()));
        break;
      case 0x42: // BINBYTES
        stack.push(raw(u32()));
        break;
      case 0x43: // SHORT_BINBYTES
        stack.push(raw(u8()));
        break;
      case 0x74: // TUPLE
        stack.push(popMark());
        break;
      case 0x85: // TUPLE1
        stack.push([pop()]);
        break;
      case 0x86: {
        // TUPLE2
        const b = pop();
        stack.push([pop(), b]);
        break;
      }
      case 0x87: {
        // TUPLE3
        const c = pop();
        const b = pop();
        stack.push([pop(), b, c]);
        break;
      }
      case 0x6c: // LIST
        stack.push(popMark());
        break;
      case 0x64: {
        // DICT
        const dict = new Map();
        setItems(dict, popMark());
        stack.push(dict);
        break;
      }
      case 0x61: {
        // APPEND
        const item = pop();
        appendItems(top(), [item]);
        break;
      }
      case 0x65: {
        // APPENDS
        const items = popMark();
        appendItems(top(), items);
        break;
      }
      case 0x90: {
        // ADDITEMS (sets stay lists)
        const items = popMark();
        appendItems(top(), items);
        break;
      }
      case 0x73: {
        // SETITEM
        const value = pop();
        const key = pop();
        setItems(top(), [key, value]);
        break;
      }
      case 0x75: {
        // SETITEMS
        const items = popMark();
        setItems(top(), items);
        break;
      }
      case 0x71: // BINPUT
        memo.set(u8(), top());
        break;
      case 0x72: // LONG_BINPUT
        memo.set(u32(), top());
        break;
      case 0x94: // MEMOIZE
        memo.set(memo.size, top());
        break;
      case 0x68: // BINGET
      case 0x6a: {
        // LONG_BINGET
        const key = opcode === 0x68 ? u8() : u32();
        if (!memo.has(key)) throw invalid(`memo ${key} read before it was written`);
        stack.push(memo.get(key));
        break;
      }
      case 0x63: // GLOBAL
        stack.push(new PickleGlobal(line(), line()));
        break;
      case 0x93: {
        // STACK_GLOBAL
        const name = pop();
        stack.push(new PickleGlobal(String(pop()), String(name)));
        break;
      }
      case 0x52: // REDUCE
      case 0x81: {
        // NEWOBJ
        const args = pop();
        stack.push(new PickleCall(pop(), Array.isArray(args) ? args : [args]));
        break;
      }
      case 0x62: {
        // BUILD
        const state = pop();
        const target = top();
        if (target instanceof PickleCall) target.state = state;
        break;
      }
      case 0x51: // BINPERSID
        stack.push(new PicklePersistentId(pop()));
        break;
      case 0x30: // POP
        pop();
        break;
      case 0x31: // POP_MARK
        popMark();
        break;
      case 0x32: // DUP
        stack.push(top());
        break;
      default:
        throw invalid(`opcode 0x${opcode.toString(16)} at byte ${at - 1} is not one torch.save writes`);
    }
  }
}
