import { describe, expect, it } from "vitest";
import { creditCodeProblem, isCreditCode, withCreditCheckChar } from "../../src/shared/codes/credit-code.js";
import { idNumberProblem, isIdNumber, withIdCheckChar } from "../../src/shared/codes/id-number.js";
import { maskIdNumber, maskName, maskPhone } from "../../src/shared/codes/masking.js";

describe("统一社会信用代码 (GB 32100)", () => {
  it("accepts the SPEC's valid examples", () => {
    expect(isCreditCode("9144030071526726XG")).toBe(true);
    expect(isCreditCode("11100000000013338W")).toBe(true);
  });
  it("names what is wrong", () => {
    expect(creditCodeProblem("9144030071526726XH")).toBe("check");
    expect(creditCodeProblem("9144030071526726X")).toBe("length");
    expect(creditCodeProblem("9144030071526726IG")).toBe("character");
    expect(creditCodeProblem("9144030071526726xg")).toBe("character");
  });
  it("completes 17 characters with the right check character", () => {
    expect(withCreditCheckChar("9144030071526726X")).toBe("9144030071526726XG");
    expect(withCreditCheckChar("11100000000013338")).toBe("11100000000013338W");
  });
});

describe("公民身份号码 (GB 11643)", () => {
  it("accepts the SPEC's valid example", () => {
    expect(isIdNumber("11010519491231002X")).toBe(true);
  });
  it("names what is wrong", () => {
    expect(idNumberProblem("110105194912310021")).toBe("check");
    expect(idNumberProblem("11010519491231002")).toBe("length");
    expect(idNumberProblem("11010519491331002X")).toBe("birthDate");
    expect(idNumberProblem("11010519490229002X")).toBe("birthDate");
    expect(idNumberProblem("1101051949123100AX")).toBe("character");
  });
  it("computes the check character", () => {
    expect(withIdCheckChar("11010519491231002")).toBe("11010519491231002X");
    expect(isIdNumber(withIdCheckChar("65310119900101123"))).toBe(true);
  });
});

describe("masking", () => {
  it("keeps only what identifies the record to a reader", () => {
    expect(maskIdNumber("11010519491231002X")).toBe("110105********002X");
    expect(maskPhone("13800001234")).toBe("138****1234");
    expect(maskName("张三")).toBe("张*");
    expect(maskName("买买提·艾力")).toBe("买*****");
  });
});
