//! Redis Streams: its guidance (its sizing and cost are the shared Redis ones).

pub mod guidance;
