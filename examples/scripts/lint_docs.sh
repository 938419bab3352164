#!/usr/bin/env bash
echo "lint docs"
