import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { errorBody, errorResponses } from "../../../shared/contracts/common.js";
import {
  appointmentListResponse,
  appointmentResponse,
  bookBody,
  callResponse,
  delegationBody,
  delegationIdParam,
  delegationRemovedResponse,
  delegationResponse,
  finishBody,
  hallIdParam,
  hallListQuery,
  hallListResponse,
  hallResponse,
  hallSettingsBody,
  slotAdminResponse,
  slotParams,
  slotPatchBody,
  slotsQuery,
  slotsResponse,
  statsQuery,
  statsResponse,
  ticketBody,
  ticketResponse,
  uuidParam,
  windowBody,
  windowIdParam,
  windowPatchBody,
  windowResponse,
} from "../../../shared/contracts/halls.js";
import { depsOf } from "../../http/context.js";
import { bookAppointment, cancelAppointment, listMyAppointments, listSlots } from "./appointments.service.js";
import { closeSlot, updateSlot } from "./hall-slots.service.js";
import {
  addWindow,
  configureHall,
  delegateItem,
  getHall,
  listHalls,
  revokeDelegation,
  updateWindow,
} from "./halls.service.js";
import { callNext, finishTicket, hallBoard, queueStats, renderBoard, takeTicket } from "./queue.service.js";

const errors = { 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, ...errorResponses };
const tags = ["halls"];

export const hallRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = () => depsOf(app.ctx);
  app.get(
    "/api/v1/halls",
    {
      schema: {
        tags,
        summary: "政务服务中心、便民服务中心、便民服务站",
        querystring: hallListQuery,
        response: { 200: hallListResponse, ...errors },
      },
    },
    async (request) => listHalls(request.query.region, deps()),
  );
  app.get(
    "/api/v1/halls/:id",
    {
      schema: {
        tags,
        summary: "大厅：窗口、事项、委托受理、工作日办公时间",
        params: hallIdParam,
        response: { 200: hallResponse, ...errors },
      },
    },
    async (request) => getHall(request.params.id, deps()),
  );
  app.put(
    "/api/v1/halls/:id/settings",
    {
      schema: {
        tags,
        summary: "办公时段与预约容量（管理员）",
        params: hallIdParam,
        body: hallSettingsBody,
        response: { 200: hallResponse, ...errors },
      },
    },
    async (request) => configureHall(request.actor, request.params.id, request.body, deps()),
  );
  app.post(
    "/api/v1/halls/:id/windows",
    {
      schema: {
        tags,
        summary: "设置窗口（管理员）",
        params: hallIdParam,
        body: windowBody,
        response: { 201: windowResponse, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addWindow(request.actor, request.params.id, request.body, deps())),
  );
  app.patch(
    "/api/v1/hall-windows/:id",
    {
      schema: {
        tags,
        summary: "调整窗口事项或启停（管理员）",
        params: windowIdParam,
        body: windowPatchBody,
        response: { 200: windowResponse, ...errors },
      },
    },
    async (request) =>
      updateWindow(
        request.actor,
        request.params.id,
        {
          ...(request.body.guideCodes === undefined ? {} : { guideCodes: request.body.guideCodes }),
          ...(request.body.isActive === undefined ? {} : { isActive: request.body.isActive }),
        },
        deps(),
      ),
  );
  app.post(
    "/api/v1/halls/:id/delegations",
    {
      schema: {
        tags,
        summary: "委托受理：事项下沉至乡镇、村（管理员）",
        params: hallIdParam,
        body: delegationBody,
        response: { 201: delegationResponse, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await delegateItem(request.actor, request.params.id, request.body, deps())),
  );
  app.delete(
    "/api/v1/hall-delegations/:id",
    {
      schema: {
        tags,
        summary: "撤销委托受理（管理员）",
        description:
          "撤销后该乡镇、村不再受理此事项；已撤销的再撤销为 409；仍有只能由此委托办理的预约时为 409。",
        params: delegationIdParam,
        response: { 200: delegationRemovedResponse, ...errors },
      },
    },
    async (request) => revokeDelegation(request.actor, request.params.id, deps()),
  );
  app.patch(
    "/api/v1/halls/:id/slots/:date/:start",
    {
      schema: {
        tags,
        summary: "调整某日的一个预约时段：每窗口容量或时间；对已关闭的时段即重新开放（管理员）",
        description:
          "容量不能低于已预约人数（409）；已有预约的时段不能改时间（409）；新时间不能与当日其他时段重叠（400）。",
        params: slotParams,
        body: slotPatchBody,
        response: { 200: slotAdminResponse, ...errors },
      },
    },
    async (request) =>
      updateSlot(
        request.actor,
        { hallId: request.params.id, date: request.params.date, start: request.params.start },
        request.body,
        deps(),
      ),
  );
  app.delete(
    "/api/v1/halls/:id/slots/:date/:start",
    {
      schema: {
        tags,
        summary: "关闭某日的一个预约时段（管理员；已有预约时拒绝，409）",
        params: slotParams,
        response: { 200: slotAdminResponse, ...errors },
      },
    },
    async (request) =>
      closeSlot(
        request.actor,
        { hallId: request.params.id, date: request.params.date, start: request.params.start },
        deps(),
      ),
  );
  app.get(
    "/api/v1/halls/:id/slots",
    {
      schema: {
        tags,
        summary: "可预约时段（按事项）",
        params: hallIdParam,
        querystring: slotsQuery,
        response: { 200: slotsResponse, ...errors },
      },
    },
    async (request) => listSlots(request.params.id, request.query.guideCode, deps()),
  );
  app.post(
    "/api/v1/appointments",
    {
      schema: {
        tags,
        summary: "预约办理",
        body: bookBody,
        response: { 201: appointmentResponse, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await bookAppointment(request.actor, request.body, deps())),
  );
  app.get(
    "/api/v1/appointments",
    { schema: { tags, summary: "我的预约", response: { 200: appointmentListResponse, ...errors } } },
    async (request) => listMyAppointments(request.actor, deps()),
  );
  app.post(
    "/api/v1/appointments/:id/cancellation",
    {
      schema: {
        tags,
        summary: "取消预约（时段开始前）",
        params: uuidParam,
        response: { 200: appointmentResponse, ...errors },
      },
    },
    async (request) => cancelAppointment(request.actor, request.params.id, deps()),
  );
  app.post(
    "/api/v1/halls/:id/tickets",
    {
      schema: {
        tags,
        summary: "取号：预约签到或现场取号（无需预约）",
        params: hallIdParam,
        body: ticketBody,
        response: { 201: ticketResponse, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await takeTicket(
          request.actor,
          {
            hallId: request.params.id,
            ...(request.body.appointmentId === undefined
              ? {}
              : { appointmentId: request.body.appointmentId }),
            ...(request.body.guideCode === undefined ? {} : { guideCode: request.body.guideCode }),
            ...(request.body.windowKind === undefined ? {} : { windowKind: request.body.windowKind }),
            ...(request.body.priorityGroup === undefined
              ? {}
              : { priorityGroup: request.body.priorityGroup }),
          },
          deps(),
        ),
      ),
  );
  app.post(
    "/api/v1/hall-windows/:id/call",
    {
      schema: {
        tags,
        summary: "叫号：窗口呼叫下一位",
        params: windowIdParam,
        response: { 200: callResponse, ...errors },
      },
    },
    async (request) => callNext(request.actor, request.params.id, deps()),
  );
  app.post(
    "/api/v1/queue-tickets/:id/finish",
    {
      schema: {
        tags,
        summary: "办结或过号",
        params: uuidParam,
        body: finishBody,
        response: { 200: ticketResponse, ...errors },
      },
    },
    async (request) => finishTicket(request.actor, request.params.id, request.body, deps()),
  );
  app.get(
    "/api/v1/halls/:id/queue-stats",
    {
      schema: {
        tags,
        summary: "等候时间统计",
        params: hallIdParam,
        querystring: statsQuery,
        response: { 200: statsResponse, ...errors },
      },
    },
    async (request) => queueStats(request.actor, request.params.id, request.query.date, deps()),
  );
  app.get(
    "/halls/:id/display",
    {
      schema: {
        tags,
        summary: "大厅叫号显示屏（HTML，自动刷新）",
        params: hallIdParam,
        response: { 200: z.string(), ...errors },
      },
    },
    async (request, reply) =>
      reply.type("text/html; charset=utf-8").send(renderBoard(await hallBoard(request.params.id, deps()))),
  );
};
