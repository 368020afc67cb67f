//! Writes each target's seed inputs of up to `FUZZ_MAX_LEN` bytes into `DIR/<target>/`,
//! for `make fuzz` (the larger ones are replayed by `make test`):
//!
//!     cargo run -p twir-fuzz --example seeds -- DIR

fn main() {
    let dir = std::env::args().nth(1).expect("usage: seeds DIR");
    for target in twir_fuzz::seeds::TARGETS {
        let out = std::path::Path::new(&dir).join(target);
        std::fs::create_dir_all(&out).expect("the seed folder");
        let mut seeds = twir_fuzz::seeds::seeds(target);
        seeds.retain(|(_, b)| b.len() <= twir_fuzz::seeds::FUZZ_MAX_LEN);
        for (name, bytes) in &seeds {
            std::fs::write(out.join(name), bytes).expect("a seed file");
        }
        println!("{target}: {} seeds in {}", seeds.len(), out.display());
    }
}
