import { randomUUID } from "node:crypto";

/** A payment channel (统一公共支付平台 in production); the platform only sees this interface. */
export interface PaymentProvider {
  readonly name: string;
  /** Charges the order; resolves with the provider's reference when paid. */
  pay(order: {
    caseNumber: string;
    amountFen: number;
    description: string;
  }): Promise<{ providerRef: string; paidAt: Date }>;
}

/** The simulated provider of the demo and the tests: every order is paid at once. */
export class SimulatedPaymentProvider implements PaymentProvider {
  readonly name = "simulated";
  constructor(private readonly clock: () => Date = () => new Date()) {}
  async pay(order: {
    caseNumber: string;
    amountFen: number;
  }): Promise<{ providerRef: string; paidAt: Date }> {
    if (order.amountFen <= 0) throw new Error("nothing to pay");
    return { providerRef: `SIM-${randomUUID()}`, paidAt: this.clock() };
  }
}
