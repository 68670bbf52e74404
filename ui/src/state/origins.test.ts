import { describe, expect, it } from "vitest";
import { parseGraphmlOrigins } from "./origins";

// The shape atlas-workspace's `graphml` writes (keys, then nodes, then edges).
const XML = `<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="n_origin" for="node" attr.name="origin" attr.type="string"/>
  <key id="e_origin" for="edge" attr.name="origin" attr.type="string"/>
  <graph id="nev-atlas" edgedefault="directed">
    <node id="changan-auto">
      <data key="n_kind">firm</data>
      <data key="n_name_zh">重庆长安汽车股份有限公司</data>
      <data key="n_origin">edition</data>
    </node>
    <node id="yours-a&amp;b">
      <data key="n_kind">firm</data>
      <data key="n_origin">yours</data>
    </node>
    <edge id="e0" source="yours-a&amp;b" target="changan-auto">
      <data key="e_relation">supplies</data>
      <data key="e_origin">yours</data>
    </edge>
    <edge id="e1" source="catl" target="changan-auto">
      <data key="e_relation">supplies</data>
      <data key="e_origin">corrected</data>
    </edge>
    <edge id="e2" source="changan-auto" target="district-jiangbei">
      <data key="e_relation">located_in</data>
      <data key="e_origin">edition</data>
    </edge>
  </graph>
</graphml>
`;

describe("origins from the graph export", () => {
  it("reads entity and link origins, either way round, ids unescaped", () => {
    const o = parseGraphmlOrigins(XML);
    expect(o.entity("yours-a&b")).toBe("yours");
    expect(o.entity("changan-auto")).toBe("edition");
    expect(o.entity("unknown")).toBe("edition");
    expect(o.link("yours-a&b", "changan-auto", "supplies")).toBe("yours");
    expect(o.link("changan-auto", "yours-a&b", "supplies")).toBe("yours");
    expect(o.link("changan-auto", "yours-a&b", "owns")).toBe("edition");
    expect(o.link("catl", "changan-auto", "supplies")).toBe("corrected");
    expect(o.link("changan-auto", "district-jiangbei", "located_in")).toBe("edition");
    expect(o.links.map((l) => [l.from, l.origin])).toEqual([["yours-a&b", "yours"], ["catl", "corrected"]]);
  });
  it("marks nothing in an empty or foreign file", () => {
    const o = parseGraphmlOrigins("<graphml/>");
    expect(o.links).toEqual([]);
    expect(o.entity("x")).toBe("edition");
  });
});
