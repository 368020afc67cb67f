#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| twir_fuzz::standard_document::check(data));
