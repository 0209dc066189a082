import { describe, expect, it } from "vitest";
import { MicroBatcher } from "../../src/server/db/micro-batch.js";

/** A run function whose batches finish only when the test releases them. */
function gated() {
  const batches: { items: number[]; release: () => void }[] = [];
  const run = (items: number[]) =>
    new Promise<(number | Error)[]>((resolve) => {
      batches.push({
        items,
        release: () => resolve(items.map((i) => (i < 0 ? new Error(`bad ${i}`) : i * 10))),
      });
    });
  return { batches, run };
}

const settle = () => new Promise((r) => setImmediate(r));

describe("MicroBatcher (group commit)", () => {
  it("runs a lone item at once, alone", async () => {
    const g = gated();
    const b = new MicroBatcher({ run: g.run, maxBatch: 8, maxInFlight: 2 });
    const p = b.submit(1);
    await settle();
    expect(g.batches.map((x) => x.items)).toEqual([[1]]);
    g.batches[0]?.release();
    await expect(p).resolves.toBe(10);
  });

  it("collects what arrives while the in-flight limit is reached into the next batch, up to maxBatch", async () => {
    const g = gated();
    const b = new MicroBatcher({ run: g.run, maxBatch: 3, maxInFlight: 1 });
    const first = b.submit(1);
    await settle();
    const waiting = [2, 3, 4, 5, 6].map((i) => b.submit(i));
    await settle();
    // Only the first batch is running; the others wait for it.
    expect(g.batches.map((x) => x.items)).toEqual([[1]]);
    g.batches[0]?.release();
    await first;
    await settle();
    expect(g.batches.map((x) => x.items)).toEqual([[1], [2, 3, 4]]);
    g.batches[1]?.release();
    await settle();
    await settle();
    expect(g.batches.map((x) => x.items)).toEqual([[1], [2, 3, 4], [5, 6]]);
    g.batches[2]?.release();
    expect(await Promise.all(waiting)).toEqual([20, 30, 40, 50, 60]);
    expect(b.stats).toEqual({ batches: 3, items: 6, largest: 3 });
  });

  it("fails only the item its run answers with an error", async () => {
    const g = gated();
    const b = new MicroBatcher({ run: g.run, maxBatch: 8, maxInFlight: 1 });
    const results = [4, -1, 5].map((i) =>
      b.submit(i).then(
        (v) => v,
        (e: unknown) => (e as Error).message,
      ),
    );
    await settle();
    expect(g.batches.map((x) => x.items)).toEqual([[4, -1, 5]]);
    g.batches[0]?.release();
    expect(await Promise.all(results)).toEqual([40, "bad -1", 50]);
  });

  it("fails every item of a batch whose run throws, and goes on with the next batch", async () => {
    let calls = 0;
    const b = new MicroBatcher<number, number>({
      run: async (items) => {
        calls++;
        if (calls === 1) throw new Error("connection lost");
        return items.map((i) => i + 1);
      },
      maxBatch: 8,
      maxInFlight: 1,
    });
    const failed = [1, 2].map((i) => b.submit(i).catch((e: unknown) => (e as Error).message));
    expect(await Promise.all(failed)).toEqual(["connection lost", "connection lost"]);
    await expect(b.submit(7)).resolves.toBe(8);
  });

  it("treats an answer of the wrong length as the batch's failure", async () => {
    const b = new MicroBatcher<number, number>({ run: async () => [1], maxBatch: 8, maxInFlight: 1 });
    const all = [1, 2].map((i) => b.submit(i).catch((e: unknown) => (e as Error).message));
    expect(await Promise.all(all)).toEqual([
      "micro-batch answered 1 of 2 items",
      "micro-batch answered 1 of 2 items",
    ]);
  });
});
