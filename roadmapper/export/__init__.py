"""Writers that turn a roadmap into files: Markdown now, images and slides later."""
