//! What a facet is and the values it counts, typed: the engine counts them
//! ([`crate::facets`]), the app shows them and turns a click into the filter the value
//! stands for, with no facet or value name compared as a string on either side.

use serde::{Deserialize, Serialize};

use crate::{QueryPart, RecordKind, SectionGroup};

/// A facet of the results: what the panel groups counts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Facet {
    Kind,
    Section,
    Year,
    /// The link's web site (its domain).
    Site,
    /// The link's first tag (`video`, `audio`…).
    Tag,
}

impl Facet {
    /// In the order the panel shows them.
    pub const ALL: [Facet; 5] = [
        Facet::Kind,
        Facet::Section,
        Facet::Year,
        Facet::Site,
        Facet::Tag,
    ];

    /// The panel's heading.
    pub fn title(self) -> &'static str {
        match self {
            Facet::Kind => "Kind",
            Facet::Section => "Section",
            Facet::Year => "Year",
            Facet::Site => "Site",
            Facet::Tag => "Tag",
        }
    }

    /// Its place in [`Facet::ALL`] (and in per-facet arrays).
    pub fn index(self) -> usize {
        self as usize
    }
}

/// One value a facet counts.
///
/// The variants that name a facet are values a filter selects, and [`Self::filter`]
/// says which. [`FacetValue::None`] and [`FacetValue::OtherSites`] are counted so that
/// each facet adds up to the total, and no filter selects them.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FacetValue {
    Kind(RecordKind),
    Section(SectionGroup),
    Year(u32),
    Site(String),
    Tag(String),
    /// The record has no value for this facet: a link without a tag, a record that is
    /// not a link (no site), an issue without a date (no year).
    None,
    /// Every site past the most frequent ones, together.
    OtherSites,
}

impl FacetValue {
    /// The filter this value stands for (`kind:crate`, `year:2019`), as the query
    /// parser reads it; `None` for the values no filter selects.
    pub fn filter(&self) -> Option<QueryPart> {
        match self {
            FacetValue::Kind(k) => Some(QueryPart::Kind(*k)),
            FacetValue::Section(g) => Some(QueryPart::Section(*g)),
            FacetValue::Year(y) => Some(QueryPart::Year(*y..=*y)),
            FacetValue::Site(s) => Some(QueryPart::Site(s.clone())),
            FacetValue::Tag(t) => Some(QueryPart::Tag(t.clone())),
            FacetValue::None | FacetValue::OtherSites => None,
        }
    }

    /// How a reader sees it.
    pub fn label(&self) -> String {
        match self {
            FacetValue::Kind(k) => k.label().to_string(),
            FacetValue::Section(g) => g.label().to_string(),
            FacetValue::Year(y) => y.to_string(),
            FacetValue::Site(s) | FacetValue::Tag(s) => s.clone(),
            FacetValue::None => "none".to_string(),
            FacetValue::OtherSites => "other sites".to_string(),
        }
    }
}

/// How many results have one value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetCount {
    pub value: FacetValue,
    pub count: usize,
}

/// The counts of every facet for a result set, each adding up to its total: largest
/// first, years in year order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Facets {
    counts: [Vec<FacetCount>; 5],
}

impl Facets {
    /// Counts in [`Facet::ALL`]'s order.
    pub fn new(counts: [Vec<FacetCount>; 5]) -> Facets {
        Facets { counts }
    }

    /// The counts of one facet.
    pub fn of(&self, facet: Facet) -> &[FacetCount] {
        &self.counts[facet.index()]
    }

    /// Every facet with its counts, in the panel's order.
    pub fn iter(&self) -> impl Iterator<Item = (Facet, &[FacetCount])> {
        Facet::ALL.into_iter().map(|f| (f, self.of(f)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ParsedQuery;

    /// A value's filter, written out, reads back as the same filter: the panel writes it
    /// into the query and later finds it there.
    #[test]
    fn each_selectable_value_is_a_filter_the_parser_reads_back() {
        let values = [
            FacetValue::Kind(RecordKind::Crate),
            FacetValue::Section(SectionGroup::Other),
            FacetValue::Section(SectionGroup::CallForParticipation),
            FacetValue::Year(2019),
            FacetValue::Site("github.com".to_string()),
            FacetValue::Tag("video".to_string()),
        ];
        for value in values {
            let part = value.filter().expect("selectable");
            let text = part.to_string();
            assert_eq!(ParsedQuery::parse(&text).parts, vec![part], "{text}");
        }
        assert_eq!(FacetValue::None.filter(), None);
        assert_eq!(FacetValue::OtherSites.filter(), None);
    }

    #[test]
    fn years_sort_in_year_order_with_the_undated_last() {
        let mut v = vec![
            FacetValue::None,
            FacetValue::Year(2020),
            FacetValue::Year(2015),
        ];
        v.sort();
        assert_eq!(
            v,
            [
                FacetValue::Year(2015),
                FacetValue::Year(2020),
                FacetValue::None
            ]
        );
    }

    #[test]
    fn the_json_names_the_facet_of_each_value() {
        let facets = Facets::new([
            vec![FacetCount {
                value: FacetValue::Kind(RecordKind::Quote),
                count: 2,
            }],
            vec![],
            vec![FacetCount {
                value: FacetValue::None,
                count: 1,
            }],
            vec![],
            vec![],
        ]);
        let json = serde_json::to_string(&facets).unwrap();
        assert_eq!(
            json,
            r#"{"counts":[[{"value":{"kind":"quote"},"count":2}],[],[{"value":"none","count":1}],[],[]]}"#
        );
        assert_eq!(serde_json::from_str::<Facets>(&json).unwrap(), facets);
    }
}
