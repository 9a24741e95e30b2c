import { describe, expect, it } from "vitest";
import { readPackageExtension } from "../src/package-extension.mjs";

const spec = { flows: ["password", "clientCredentials"], inputs: ["username", "password", "clientId", "clientSecret"], variables: ["tenant"] };
const doc = (/** @type {unknown} */ extension) => ({
  servers: [{ url: "https://{tenant}.auth.example.com" }, { url: "https://sandbox.example.com" }],
  ...(extension === undefined ? {} : { "x-authspecs-package": extension }),
});

describe("x-authspecs-package", () => {
  it("defaults every key from the file name and the flows", () => {
    const { value, problems } = readPackageExtension(doc(undefined), "my-api", spec);
    expect(problems).toEqual([]);
    expect(value).toMatchObject({
      displayName: "MyApi",
      identifier: "MyApi",
      factories: { password: "createMyApiPasswordAuth", clientCredentials: "createMyApiClientCredentialsAuth" },
      environments: {},
      defaultServer: true,
    });
  });

  it("reads what a person says: names, factories, environments, default server, API server, option docs", () => {
    const { value, problems } = readPackageExtension(
      doc({
        displayName: "Example Pay",
        identifier: "ExPay",
        description: "One paragraph.",
        flows: { password: "createExPayUserAuth" },
        environments: { sandbox: "https://sandbox.example.com" },
        defaultServer: false,
        apiServer: "caller",
        options: { username: "Your console user." },
      }),
      "expay",
      spec,
    );
    expect(problems).toEqual([]);
    expect(value).toEqual({
      displayName: "Example Pay",
      identifier: "ExPay",
      description: "One paragraph.",
      factories: { password: "createExPayUserAuth", clientCredentials: "createExPayClientCredentialsAuth" },
      environments: { sandbox: "https://sandbox.example.com" },
      defaultServer: false,
      apiServer: "caller",
      optionDocs: { username: "Your console user." },
    });
  });

  it("names the identifier after a display name with spaces", () => {
    expect(readPackageExtension(doc({ displayName: "Papaya Global" }), "papaya", spec).value.identifier).toBe("PapayaGlobal");
  });

  it.each([
    [{ displayNme: "X" }, "x-authspecs-package.displayNme: unknown key"],
    [{ identifier: "lower" }, "x-authspecs-package.identifier: must be PascalCase"],
    [{ flows: { implicit: "createXAuth" } }, 'x-authspecs-package.flows.implicit: no x-authspecs-token flow is named "implicit"'],
    [{ flows: { password: "makeAuth" } }, "x-authspecs-package.flows.password: must be a factory name create<Name>Auth"],
    [{ flows: { password: "createXAuth", clientCredentials: "createXAuth" } }, "x-authspecs-package.flows: two flows would both be createXAuth"],
    [{ environments: { staging: "https://elsewhere.example.com" } }, "x-authspecs-package.environments.staging: must be the url of one of the spec's servers"],
    [{ environments: { Staging: "https://sandbox.example.com" } }, "x-authspecs-package.environments.Staging: environment names are lower-case words"],
    [{ defaultServer: "no" }, "x-authspecs-package.defaultServer: must be true or false"],
    [{ apiServer: "http://api.example.com" }, 'x-authspecs-package.apiServer: must be "caller"'],
    [{ options: { nothing: "x" } }, 'x-authspecs-package.options.nothing: no flow input or server variable is named "nothing"'],
    [[], "x-authspecs-package: must be a mapping"],
  ])("refuses %j with a clear message", (extension, message) => {
    const { problems } = readPackageExtension(doc(extension), "x", spec);
    expect(problems.map((p) => p.message).join("\n")).toContain(message);
    // Each problem says where it is, as a path into the document (for a line and column).
    expect(problems.every((p) => p.path[0] === "x-authspecs-package")).toBe(true);
  });

  it("refuses an input named like an option every factory takes", () => {
    const problems = readPackageExtension(doc(undefined), "x", { ...spec, inputs: ["baseUrl"] }).problems;
    expect(problems.map((p) => p.message)).toEqual(['x-authspecs-token: option "baseUrl" (a flow input or server variable) is an option every factory already takes; rename it']);
  });
});
