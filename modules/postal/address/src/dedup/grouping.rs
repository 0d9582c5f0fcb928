//! Union-find (disjoint sets) to turn matching pairs into groups.

use super::DuplicateGroup;

/// Disjoint sets over record indexes, with path halving and union by size.
#[derive(Debug, Clone)]
pub struct UnionFind {
    parent: Vec<u32>,
    size: Vec<u32>,
}

impl UnionFind {
    /// `n` singleton sets.
    pub fn new(n: usize) -> Self {
        UnionFind { parent: (0..n as u32).collect(), size: vec![1; n] }
    }

    /// The representative of `x`'s set.
    pub fn find(&mut self, mut x: u32) -> u32 {
        while self.parent[x as usize] != x {
            let grand = self.parent[self.parent[x as usize] as usize];
            self.parent[x as usize] = grand;
            x = grand;
        }
        x
    }

    /// Joins the sets of `a` and `b`; returns whether they were distinct.
    pub fn union(&mut self, a: u32, b: u32) -> bool {
        let (mut ra, mut rb) = (self.find(a), self.find(b));
        if ra == rb {
            return false;
        }
        if self.size[ra as usize] < self.size[rb as usize] {
            std::mem::swap(&mut ra, &mut rb);
        }
        self.parent[rb as usize] = ra;
        self.size[ra as usize] += self.size[rb as usize];
        true
    }

    /// The sets of more than one element as duplicate groups; `edges` are the (member, score)
    /// of every union, giving each group's confidence (its lowest score); `id` maps an index
    /// to the caller's identifier.
    pub fn groups(&mut self, edges: &[(u32, f32)], id: impl Fn(u32) -> u64) -> Vec<DuplicateGroup> {
        let n = self.parent.len();
        let mut confidence: std::collections::HashMap<u32, f32> = std::collections::HashMap::new();
        for &(member, score) in edges {
            let root = self.find(member);
            let c = confidence.entry(root).or_insert(1.0);
            *c = c.min(score);
        }
        let mut members: std::collections::HashMap<u32, Vec<u64>> =
            std::collections::HashMap::with_capacity(confidence.len());
        for i in 0..n as u32 {
            let root = self.find(i);
            if self.size[root as usize] > 1 {
                members.entry(root).or_default().push(id(i));
            }
        }
        let mut out: Vec<DuplicateGroup> = members
            .into_iter()
            .map(|(root, mut ids)| {
                ids.sort_unstable();
                DuplicateGroup { ids, confidence: f64::from(confidence.get(&root).copied().unwrap_or(1.0)) }
            })
            .collect();
        out.sort_by_key(|g| g.ids[0]);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unions_and_groups() {
        let mut uf = UnionFind::new(5);
        assert!(uf.union(0, 3));
        assert!(uf.union(3, 4));
        assert!(!uf.union(0, 4));
        let groups = uf.groups(&[(0, 0.9), (3, 0.95)], |i| u64::from(i) + 100);
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].ids, vec![100, 103, 104]);
        assert!((groups[0].confidence - 0.9).abs() < 1e-6);
    }
}
