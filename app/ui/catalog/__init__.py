"""The catalogue's card grid."""
