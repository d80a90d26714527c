// Issue 9, item 5: options that are not options are INVALID_OPTION, naming the key and the
// option meant; null (or any non-object) options too; a throwing getter never escapes.
import { describe, expect, it } from "vitest";
import { CSAT_SCALE, NPS_SCALE } from "../../src/distribution/scale.js";
import { tally } from "../../src/distribution/tally.js";
import { purchasingPower } from "../../src/inflation/rates.js";
import { npsSampleSize } from "../../src/planning/margin-of-error.js";
import { ces } from "../../src/survey/ces.js";
import { compareNps } from "../../src/survey/compare.js";
import { csat } from "../../src/survey/csat.js";
import { nps } from "../../src/survey/nps.js";
import { summarizeValue } from "../../src/value/value-summary.js";
import { errorOf } from "../codes.js";

describe("one options reader", () => {
  it("refuses weights given to a metric, pointing to tally", () => {
    const error = errorOf(() => nps([9, 10], { weights: [1, -1] } as never));
    expect(error.code).toBe("INVALID_OPTION");
    expect(error.details.field).toBe("weights");
    expect(error.message).toMatch(/weights.*belong to tally/);
  });

  it("refuses a misnamed level, naming the option meant", () => {
    const error = errorOf(() => nps([9], { confidence: 0.9 } as never));
    expect(error.code).toBe("INVALID_OPTION");
    expect(error.message).toContain('unknown option "confidence"; did you mean level?');
  });

  it("suggests the closest known key for a misspelling", () => {
    expect(errorOf(() => csat([5], { satisfiedFom: 4 } as never)).message).toContain(
      "did you mean satisfiedFrom?",
    );
    expect(errorOf(() => ces([5], { easyfrom: 4 } as never)).message).toContain(
      "did you mean easyFrom?",
    );
    expect(errorOf(() => tally([5], CSAT_SCALE, { wieghts: [1] } as never)).message).toContain(
      "did you mean weights?",
    );
  });

  it("treats undefined as no options and anything else that is not an object as a mistake", () => {
    expect(nps([10], undefined).score).toBe(100);
    for (const bad of [null, 0.9, "wald", [0.9], true]) {
      expect(errorOf(() => nps([10], bad as never)).code).toBe("INVALID_OPTION");
      expect(errorOf(() => tally([1], CSAT_SCALE, bad as never)).code).toBe("INVALID_OPTION");
      expect(errorOf(() => compareNps([10], [9], bad as never)).code).toBe("INVALID_OPTION");
      expect(errorOf(() => purchasingPower(100, 0.1, bad as never)).code).toBe("INVALID_OPTION");
      expect(errorOf(() => npsSampleSize(5, bad as never)).code).toBe("INVALID_OPTION");
      expect(errorOf(() => summarizeValue([], bad as never)).code).toBe("INVALID_OPTION");
    }
  });

  it("reads each option once, and a throwing getter becomes INVALID_OPTION", () => {
    let reads = 0;
    const counted = {
      get level() {
        reads++;
        return 0.9;
      },
    };
    expect(nps([10, 9, 3], counted).interval.level).toBe(0.9);
    expect(reads).toBe(1);
    const throwing = {
      get level(): number {
        throw new Error("boom");
      },
    };
    expect(errorOf(() => nps([10], throwing)).code).toBe("INVALID_OPTION");
    expect(errorOf(() => tally([1], NPS_SCALE, throwing as never)).code).toBe("INVALID_OPTION");
  });
});
