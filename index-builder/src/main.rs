use clap::Parser;

fn main() -> anyhow::Result<()> {
    index_builder::cli::run(index_builder::cli::Cli::parse())
}
