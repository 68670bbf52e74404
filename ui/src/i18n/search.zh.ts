import type { searchEn } from "./search.en";

/** 搜索结果的中文文字：按类型分组、筛选、"您是不是要找"。 */
export const searchZh: Record<keyof typeof searchEn, string> = {
  "search.group.firm": "企业",
  "search.group.brand": "品牌",
  "search.group.plant": "工厂",
  "search.group.university": "高校",
  "search.group.test_agency": "检测机构",
  "search.group.proving_ground": "试验场",
  "search.group.research_institute": "研究机构",
  "search.group.park": "园区",
  "search.group.district": "区县",
  "search.group.government_body": "政府部门",
  "search.group.alliance": "联盟",
  "search.group.policy": "政策",
  "search.group.region": "地区",
  "search.group.system": "产业体系",
  "search.systemKind": "产业体系",
  "search.facets": "筛选结果",
  "search.facetKind": "类型",
  "search.facetDistrict": "区县",
  "search.facetAll": "全部",
  "search.facetChip": "{label}，{count} 条结果",
  "search.filteredNone": "{count} 条结果中没有所选类型或区县的结果。",
  "search.clearFacets": "显示全部",
  "search.corrected": "没有找到“{query}”。以下是“{corrected}”的结果。",
  "search.didYouMean": "您是不是要找：",
};
