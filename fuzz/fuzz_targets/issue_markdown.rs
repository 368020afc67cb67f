#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| twir_fuzz::issue_markdown::check(data));
