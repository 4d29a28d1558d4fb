import "./http-codes.js";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { StationError } from "../core/station-error.js";
import { OPERATOR_ROLES } from "../operators/operator.js";
import type { OperatorStore } from "../operators/operator-store.js";
import type { AccessGuard } from "./access-guard.js";
import { requestActor } from "./actor.js";
import type { OperatorSignIn } from "./operator-sign-in.js";

const RoleSchema = Type.Union(OPERATOR_ROLES.map((r) => Type.Literal(r)));
const Pin = Type.String({ pattern: "^\\d{4,12}$", description: "4–12 位数字 / 4–12 digits" });
const OperatorView = Type.Object({
  id: Type.String(),
  number: Type.String(),
  name: Type.String(),
  role: RoleSchema,
  enabled: Type.Boolean(),
});
const IdParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 32, description: "操作员编号或 id / operator number or id" }),
});

const view = (o: {
  id: string;
  number: string;
  name: string;
  role: (typeof OPERATOR_ROLES)[number];
  enabled: boolean;
}) => ({
  id: o.id,
  number: o.number,
  name: o.name,
  role: o.role,
  enabled: o.enabled,
});

/**
 * Kiosk sign-in per person (number + PIN → a server-side session token sent back as
 * `X-Operator-Session`), sign-out, who is signed in, and the supervisors' management of
 * operators. Disabling someone or changing their PIN ends their sessions at once.
 */
export function registerOperatorRoutes(
  app: FastifyInstance,
  deps: { guard: AccessGuard; operators: OperatorStore; signIn: OperatorSignIn; idleSignOutS: number },
): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { operators, signIn } = deps;
  const admin = deps.guard.hook("admin");
  const kiosk = deps.guard.hook("kiosk");
  const sessionOf = (value: string | string[] | undefined): string => {
    const token = Array.isArray(value) ? value[0] : value;
    if (!token) throw new StationError("HTTP_AUTH_REQUIRED", "请先登录 / sign in first", { role: "kiosk" });
    return token;
  };

  api.post(
    "/operators/sign-in",
    {
      schema: {
        summary: "操作员登录（编号 + PIN）/ operator sign-in (number + PIN)",
        tags: ["operators"],
        "x-role": "public",
        body: Type.Object({
          operator: Type.String({ minLength: 1, maxLength: 32, description: "操作员编号 / operator number" }),
          pin: Type.String({ minLength: 1, maxLength: 64 }),
        }),
      },
    },
    async (request) => {
      const { token, expiresAt, operator } = await signIn.signIn(request.body.operator, request.body.pin);
      return { token, expiresAt, idleSignOutS: deps.idleSignOutS, operator: view(operator) };
    },
  );
  api.post(
    "/operators/sign-out",
    { schema: { summary: "退出登录 / sign out", tags: ["operators"], "x-role": "kiosk" }, preHandler: kiosk },
    async (request) => {
      signIn.signOut(sessionOf(request.headers["x-operator-session"]));
      return { signedOut: true };
    },
  );
  api.get(
    "/operators/me",
    {
      schema: { summary: "当前登录者 / who is signed in", tags: ["operators"], "x-role": "kiosk" },
      preHandler: kiosk,
    },
    async (request) => {
      const actor = requestActor(request);
      const token = request.headers["x-operator-session"];
      const session = token ? signIn.session(sessionOf(token)) : undefined;
      return { actor, expiresAt: session?.expiresAt ?? null, idleSignOutS: deps.idleSignOutS };
    },
  );
  api.get(
    "/operators",
    {
      schema: {
        summary: "操作员列表（主管）/ operators (supervisor)",
        tags: ["operators"],
        "x-role": "admin",
        response: { 200: Type.Object({ operators: Type.Array(OperatorView) }) },
      },
      preHandler: admin,
    },
    async () => ({ operators: operators.list().map(view) }),
  );
  api.post(
    "/operators",
    {
      schema: {
        summary: "登记操作员（主管）/ add an operator (supervisor)",
        tags: ["operators"],
        "x-role": "admin",
        body: Type.Object({
          name: Type.String({ minLength: 1, maxLength: 64 }),
          role: RoleSchema,
          pin: Pin,
          number: Type.Optional(Type.String({ pattern: "^\\d{1,8}$" })),
        }),
        response: { 201: Type.Object({ operator: OperatorView }) },
      },
      preHandler: admin,
    },
    async (request, reply) => {
      const { number, ...rest } = request.body;
      const added = await operators.add({ ...rest, ...(number !== undefined ? { number } : {}) });
      return reply.code(201).send({ operator: view(added) });
    },
  );
  api.post(
    "/operators/:id/disable",
    {
      schema: {
        summary:
          "停用操作员并立即结束其登录（主管）/ disable an operator, ending their sessions (supervisor)",
        tags: ["operators"],
        "x-role": "admin",
        params: IdParams,
        response: { 200: Type.Object({ operator: OperatorView }) },
      },
      preHandler: admin,
    },
    async (request) => ({ operator: view(operators.disable(request.params.id)) }),
  );
  api.put(
    "/operators/:id/pin",
    {
      schema: {
        summary: "设置新 PIN（主管；原登录结束）/ set a new PIN (supervisor; old sessions end)",
        tags: ["operators"],
        "x-role": "admin",
        params: IdParams,
        body: Type.Object({ pin: Pin }),
        response: { 200: Type.Object({ operator: OperatorView }) },
      },
      preHandler: admin,
    },
    async (request) => ({ operator: view(await operators.setPin(request.params.id, request.body.pin)) }),
  );
}
