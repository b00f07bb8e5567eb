"""Test helpers shared across areas (``from support.loopback import LoopbackSite``)."""
