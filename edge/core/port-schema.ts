import { Type } from "@sinclair/typebox";

/** 0 binds any free port (tests run many stations side by side). */
export const Port = (def: number, what: string) =>
  Type.Integer({
    minimum: 0,
    maximum: 65535,
    default: def,
    description: `${what}（0 = 任一空闲端口 / any free port）`,
  });
